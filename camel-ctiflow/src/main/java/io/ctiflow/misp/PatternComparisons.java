package io.ctiflow.misp;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparisons of a simple STIX pattern, for the way back to MISP: one observation expression
 * ({@code [...]}) whose comparisons all use {@code =} and are joined by only AND or only OR (an AND may
 * hold ctiflow's parenthesised OR alternatives of one property). Anything richer (several observation
 * expressions, qualifiers, other parentheses, other operators, binary literals) is not a MISP
 * attribute and is reported as a problem instead.
 */
final class PatternComparisons {

    /** One {@code <type>:<path> = <value>}: key is {@code <type>:<path segments joined by '.'>}, quotes removed. */
    record Comparison(String objectType, String key, String value) {
    }

    /** The comparisons and how they are joined ("AND", "OR", or null for one), or a problem. */
    record Parsed(List<Comparison> comparisons, String joiner, String problem) {
        static Parsed problem(String problem) {
            return new Parsed(List.of(), null, problem);
        }
    }

    private final String text;
    private int pos;

    private PatternComparisons(String text) {
        this.text = text;
    }

    static Parsed parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return Parsed.problem("empty pattern");
        }
        try {
            return new PatternComparisons(pattern.trim()).run();
        } catch (IllegalArgumentException e) {
            return Parsed.problem(e.getMessage());
        }
    }

    private Parsed run() {
        expect('[');
        List<Comparison> comparisons = new ArrayList<>();
        String joiner = null;
        while (true) {
            skipSpace();
            if (peek() == '(') {
                comparisons.addAll(alternatives());
            } else {
                comparisons.add(comparison());
            }
            skipSpace();
            if (peek() == ']') {
                pos++;
                break;
            }
            String op = word();
            if (!op.equals("AND") && !op.equals("OR")) {
                throw new IllegalArgumentException("unexpected '" + op + "'");
            }
            if (joiner != null && !joiner.equals(op)) {
                throw new IllegalArgumentException("AND and OR mixed");
            }
            joiner = op;
        }
        skipSpace();
        if (pos < text.length()) {
            throw new IllegalArgumentException("more than one observation expression or a qualifier");
        }
        return new Parsed(List.copyOf(comparisons), comparisons.size() > 1 ? joiner : null, null);
    }

    /** {@code <type>:<path> = <literal>} */
    private Comparison comparison() {
        skipSpace();
        String path = word();
        int colon = path.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no object path at offset " + pos);
        }
        skipSpace();
        if (peek() != '=') {
            throw new IllegalArgumentException("operator other than '=' after " + path);
        }
        pos++;
        skipSpace();
        String value = literal();
        String type = path.substring(0, colon);
        return new Comparison(type, type + ":" + String.join(".", Field.split(path.substring(colon + 1))), value);
    }

    /**
     * {@code (p = a OR p = b)}: the alternatives MispToStix writes for one single-valued property given several
     * values (two domains of a domain-ip); on the way back they are the values of a repeated MISP relation.
     */
    private List<Comparison> alternatives() {
        expect('(');
        List<Comparison> group = new ArrayList<>();
        while (true) {
            group.add(comparison());
            skipSpace();
            if (peek() == ')') {
                pos++;
                break;
            }
            if (!word().equals("OR")) {
                throw new IllegalArgumentException("parenthesised comparisons other than alternatives (OR) of one property");
            }
        }
        if (group.stream().map(Comparison::key).distinct().count() > 1) {
            throw new IllegalArgumentException("parenthesised alternatives of different properties");
        }
        return group;
    }

    private String literal() {
        char c = peek();
        if (c == '\'') {
            return quoted();
        }
        if ((c == 't' || c == 'h') && pos + 1 < text.length() && text.charAt(pos + 1) == '\'') {
            pos++; // a timestamp, or hex (a netflow's TCP flags): the text between the quotes is the MISP value
            return quoted();
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos;
            pos++;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            return text.substring(start, pos);
        }
        throw new IllegalArgumentException("unsupported literal at offset " + pos);
    }

    private String quoted() {
        expect('\'');
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                out.append(text.charAt(pos++));
            } else if (c == '\'') {
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }

    /** A path or keyword: up to whitespace, '=', '!' , '<', '>' or ']' (quoted parts of paths kept). */
    private String word() {
        int start = pos;
        boolean quoted = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '[' && text.startsWith("[*]", pos)) {
                pos += 3;
                continue;
            } else if (!quoted && (Character.isWhitespace(c) || c == '=' || c == '!' || c == '<' || c == '>' || c == ']')) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("unexpected '" + (pos < text.length() ? text.charAt(pos) : "end") + "' at offset " + pos);
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at offset " + pos);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}

package io.ctiflow.stix.validation;

import io.ctiflow.stix.validation.PatternToken.Kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Recursive-descent parser for the STIX 2.1 patterning language (STIX 2.1 section 9; grammar as in the OASIS
 * STIXPattern.g4). Besides the grammar it enforces what the OASIS pattern validator enforces: at most one
 * qualifier of each kind per observation expression, and hash literals that fit their algorithm. Precedence,
 * loosest first: FOLLOWEDBY, OR, AND between observation expressions; OR, AND inside one.
 */
public final class StixPatternParser {

    /** Deeper parenthesis nesting than any real pattern needs; bounds the recursion on hostile input. */
    private static final int MAX_DEPTH = 100;
    private static final Set<String> EQUALITY = Set.of("=", "==", "!=", "<>");
    private static final Set<String> STRING_OPERATORS = Set.of("LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET");
    private static final Set<String> QUALIFIERS = Set.of("START", "WITHIN", "REPEATS");
    private static final String KEYWORD_WORDS = " AND OR NOT FOLLOWEDBY LIKE MATCHES ISSUPERSET ISSUBSET EXISTS IN"
            + " START STOP SECONDS WITHIN REPEATS TIMES ";

    private final List<PatternToken> tokens;
    private final Set<String> objectTypes = new LinkedHashSet<>();
    private int next;
    private int depth;

    private StixPatternParser(List<PatternToken> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses a STIX 2.1 patterning-language expression.
     *
     * @throws PatternSyntaxException when the pattern is not valid, with the zero-based position of the problem
     */
    public static void parse(String pattern) {
        run(pattern);
    }

    /** The object types referenced by the pattern's object paths, in order of appearance, e.g. [ipv4-addr, network-traffic]. */
    public static Set<String> objectTypes(String pattern) {
        return Collections.unmodifiableSet(run(pattern).objectTypes);
    }

    private static StixPatternParser run(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        StixPatternParser parser = new StixPatternParser(PatternLexer.tokenize(pattern));
        if (parser.peek().is(Kind.END)) {
            throw new PatternSyntaxException("empty pattern", 0);
        }
        parser.observationExpressions();
        PatternToken rest = parser.peek();
        if (!rest.is(Kind.END)) {
            throw unexpected(rest, "AND, OR, FOLLOWEDBY, a qualifier (WITHIN, REPEATS, START) or the end of the pattern");
        }
        return parser;
    }

    // observationExpressions := observationOr (FOLLOWEDBY observationOr)*
    private void observationExpressions() {
        enter();
        observationOr();
        while (acceptKeyword("FOLLOWEDBY")) {
            observationOr();
        }
        depth--;
    }

    private void observationOr() {
        observationAnd();
        while (acceptKeyword("OR")) {
            observationAnd();
        }
    }

    private void observationAnd() {
        observation();
        while (acceptKeyword("AND")) {
            observation();
        }
    }

    // observation := ( '[' comparisonExpression ']' | '(' observationExpressions ')' ) qualifier*
    private void observation() {
        PatternToken open = advance();
        if (open.is(Kind.LBRACKET)) {
            comparisonExpression();
            expect(Kind.RBRACKET, "']' to close the observation expression opened at position " + open.position());
        } else if (open.is(Kind.LPAREN)) {
            observationExpressions();
            expect(Kind.RPAREN, "')' to close the parenthesis opened at position " + open.position());
        } else {
            throw unexpected(open, "'[' or '(' to start an observation expression");
        }
        qualifiers();
    }

    private void qualifiers() {
        Set<String> seen = new HashSet<>();
        while (peek().is(Kind.KEYWORD) && QUALIFIERS.contains(peek().text())) {
            PatternToken qualifier = advance();
            if (!seen.add(qualifier.text())) {
                throw new PatternSyntaxException("more than one " + qualifier.text()
                        + " qualifier on the same observation expression", qualifier.position());
            }
            switch (qualifier.text()) {
                case "START" -> {
                    expect(Kind.TIMESTAMP, "a timestamp literal t'...' after START");
                    expectKeyword("STOP");
                    expect(Kind.TIMESTAMP, "a timestamp literal t'...' after STOP");
                }
                case "WITHIN" -> {
                    PatternToken n = advance();
                    if (!(n.is(Kind.INTEGER) || n.is(Kind.FLOAT)) || !isPositive(n.text())) {
                        throw unexpected(n, "a positive number of seconds after WITHIN");
                    }
                    expectKeyword("SECONDS");
                }
                default -> {
                    PatternToken n = advance();
                    if (!n.is(Kind.INTEGER) || !isPositive(n.text())) {
                        throw unexpected(n, "a positive integer after REPEATS");
                    }
                    expectKeyword("TIMES");
                }
            }
        }
    }

    // comparisonExpression := comparisonAnd (OR comparisonAnd)* ; comparisonAnd := propTest (AND propTest)*
    private void comparisonExpression() {
        enter();
        do {
            do {
                propTest();
            } while (acceptKeyword("AND"));
        } while (acceptKeyword("OR"));
        depth--;
    }

    // propTest := '(' comparisonExpression ')' | EXISTS objectPath | objectPath NOT? operator operand
    private void propTest() {
        PatternToken first = peek();
        if (first.is(Kind.LPAREN)) {
            advance();
            comparisonExpression();
            expect(Kind.RPAREN, "')' to close the parenthesis opened at position " + first.position());
            return;
        }
        if (acceptKeyword("EXISTS")) {
            objectPath();
            return;
        }
        List<String> path = objectPath();
        acceptKeyword("NOT");
        PatternToken operator = advance();
        if (operator.is(Kind.COMPARATOR)) {
            PatternToken literal = literal(EQUALITY.contains(operator.text()), operator);
            checkHashLiteral(path, literal);
        } else if (operator.isKeyword("IN")) {
            setLiteral(path);
        } else if (operator.is(Kind.KEYWORD) && STRING_OPERATORS.contains(operator.text())) {
            expect(Kind.STRING, "a quoted string after " + operator.text());
        } else {
            throw unexpected(operator, "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET,"
                    + " ISSUPERSET)");
        }
    }

    // objectPath := objectType ':' name ( '.' name | '[' (int | '*') ']' )*
    private List<String> objectPath() {
        PatternToken type = advance();
        if (!type.is(Kind.IDENTIFIER)) {
            throw unexpected(type, "an object path such as file:name");
        }
        if (!peek().is(Kind.COLON)) {
            throw unexpected(peek(), "':' after the object type " + type.describe());
        }
        advance();
        List<String> path = new ArrayList<>();
        path.add(propertyName(advance()));
        while (true) {
            if (peek().is(Kind.DOT)) {
                advance();
                path.add(propertyName(advance()));
            } else if (peek().is(Kind.LBRACKET)) {
                advance();
                PatternToken index = advance();
                if (!index.is(Kind.INTEGER) && !index.is(Kind.ASTERISK)) {
                    throw unexpected(index, "a list index (an integer or *)");
                }
                path.add("[" + index.text() + "]");
                expect(Kind.RBRACKET, "']' to close the list index");
            } else {
                objectTypes.add(type.text());
                return path;
            }
        }
    }

    private static String propertyName(PatternToken name) {
        if (name.is(Kind.STRING)) {
            return name.value();
        }
        if (!name.is(Kind.IDENTIFIER)) {
            throw unexpected(name, "a property name");
        }
        if (name.text().indexOf('-') >= 0) {
            throw new PatternSyntaxException("property name '" + name.text()
                    + "' contains '-' and must be quoted as a string literal", name.position());
        }
        return name.text();
    }

    // setLiteral := '(' ')' | '(' literal (',' literal)* ')'
    private void setLiteral(List<String> path) {
        expect(Kind.LPAREN, "'(' to start the set after IN");
        if (peek().is(Kind.RPAREN)) {
            advance();
            return;
        }
        do {
            checkHashLiteral(path, literal(true, tokens.get(next - 1)));
        } while (accept(Kind.COMMA));
        expect(Kind.RPAREN, "',' or ')' in the set after IN");
    }

    private PatternToken literal(boolean booleanAllowed, PatternToken after) {
        PatternToken t = advance();
        switch (t.kind()) {
            case INTEGER, FLOAT, STRING, HEX, BINARY, TIMESTAMP:
                return t;
            case BOOLEAN:
                if (booleanAllowed) {
                    return t;
                }
                throw new PatternSyntaxException("operator '" + after.text() + "' cannot compare with a boolean",
                        t.position());
            case IDENTIFIER:
                throw new PatternSyntaxException("expected a literal after " + after.describe() + " but found "
                        + t.describe() + " (string values must be quoted)", t.position());
            default:
                throw unexpected(t, "a literal after " + after.describe());
        }
    }

    /** {@code hashes.'SHA-256' = 'f00'} can never match: report it like the OASIS pattern validator does. */
    private static void checkHashLiteral(List<String> path, PatternToken literal) {
        if (!literal.is(Kind.STRING) || path.size() < 2 || !path.get(path.size() - 2).equals("hashes")) {
            return;
        }
        StixRules rules = StixRules.get();
        String algorithm = rules.canonicalHashName(path.get(path.size() - 1));
        if (algorithm != null && rules.isMalformedHash(algorithm, literal.value())) {
            throw new PatternSyntaxException("'" + literal.value() + "' is not a valid " + algorithm + " hash",
                    literal.position());
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new PatternSyntaxException("parentheses nested more than " + MAX_DEPTH + " levels deep",
                    peek().position());
        }
    }

    private PatternToken peek() {
        return tokens.get(next);
    }

    private PatternToken advance() {
        PatternToken t = tokens.get(next);
        if (!t.is(Kind.END)) {
            next++;
        }
        return t;
    }

    private boolean accept(Kind kind) {
        if (peek().is(kind)) {
            advance();
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String word) {
        if (peek().isKeyword(word)) {
            advance();
            return true;
        }
        return false;
    }

    private PatternToken expect(Kind kind, String what) {
        PatternToken t = advance();
        if (!t.is(kind)) {
            throw unexpected(t, what);
        }
        return t;
    }

    private void expectKeyword(String word) {
        PatternToken t = advance();
        if (!t.isKeyword(word)) {
            throw unexpected(t, word);
        }
    }

    private static boolean isPositive(String number) {
        return !number.startsWith("-") && Double.parseDouble(number) > 0;
    }

    private static PatternSyntaxException unexpected(PatternToken found, String expected) {
        String hint = found.is(Kind.IDENTIFIER)
                && KEYWORD_WORDS.contains(" " + found.text().toUpperCase(Locale.ROOT) + " ")
                ? " (keywords are upper case)" : "";
        return new PatternSyntaxException("expected " + expected + " but found " + found.describe() + hint,
                found.position());
    }
}

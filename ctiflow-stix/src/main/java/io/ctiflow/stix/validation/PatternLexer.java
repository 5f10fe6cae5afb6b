package io.ctiflow.stix.validation;

import io.ctiflow.stix.validation.PatternToken.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a STIX 2.1 pattern into tokens, following the lexer rules of the OASIS STIXPattern.g4 grammar
 * (longest match, keywords case-sensitive, comments and Unicode whitespace skipped).
 */
final class PatternLexer {

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES",
            "ISSUPERSET", "ISSUBSET", "EXISTS", "LAST", "IN", "START", "STOP", "SECONDS", "WITHIN", "REPEATS", "TIMES");
    private static final String WHITESPACE = " \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004"
            + "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
    private static final Pattern HEX = Pattern.compile("(?:[A-Fa-f0-9]{2})*");
    private static final Pattern BASE64 =
            Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)");

    private final String in;
    private int pos;

    private PatternLexer(String in) {
        this.in = in;
    }

    /** The tokens of the pattern, ending with an END token. */
    static List<PatternToken> tokenize(String pattern) {
        PatternLexer lexer = new PatternLexer(pattern);
        List<PatternToken> tokens = new ArrayList<>();
        PatternToken t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (!t.is(Kind.END));
        return tokens;
    }

    private PatternToken next() {
        skipBlanksAndComments();
        if (pos >= in.length()) {
            return new PatternToken(Kind.END, "", "", pos);
        }
        int start = pos;
        char c = in.charAt(pos);
        char following = pos + 1 < in.length() ? in.charAt(pos + 1) : 0;
        if (following == '\'' && (c == 'h' || c == 'b' || c == 't')) {
            return typedLiteral(c);
        }
        if (c == '\'') {
            return string();
        }
        if (startsNumber(pos)) {
            return number();
        }
        if (isIdentifierStart(c)) {
            return identifierOrKeyword();
        }
        String two = in.startsWith("==", pos) || in.startsWith("!=", pos) || in.startsWith("<>", pos)
                || in.startsWith("<=", pos) || in.startsWith(">=", pos) ? in.substring(pos, pos + 2) : null;
        if (two != null) {
            pos += 2;
            return new PatternToken(Kind.COMPARATOR, two, two, start);
        }
        Kind kind = switch (c) {
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case ':' -> Kind.COLON;
            case '.' -> Kind.DOT;
            case ',' -> Kind.COMMA;
            case '*' -> Kind.ASTERISK;
            case '=', '<', '>' -> Kind.COMPARATOR;
            default -> throw new PatternSyntaxException("unexpected character " + quoteChar(c), start);
        };
        pos++;
        return new PatternToken(kind, String.valueOf(c), String.valueOf(c), start);
    }

    private void skipBlanksAndComments() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (WHITESPACE.indexOf(c) >= 0) {
                pos++;
            } else if (in.startsWith("/*", pos)) {
                int end = in.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new PatternSyntaxException("unterminated comment", pos);
                }
                pos = end + 2;
            } else if (in.startsWith("//", pos)) {
                while (pos < in.length() && in.charAt(pos) != '\n' && in.charAt(pos) != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** 'text' with only \' and \\ as escapes (STIX 2.1 section 9.2). */
    private PatternToken string() {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '\'') {
                pos++;
                return new PatternToken(Kind.STRING, in.substring(start, pos), value.toString(), start);
            }
            if (c == '\\') {
                if (pos + 1 >= in.length()) {
                    break;
                }
                char escaped = in.charAt(pos + 1);
                if (escaped != '\'' && escaped != '\\') {
                    throw new PatternSyntaxException("invalid escape sequence '\\" + escaped
                            + "' in string literal (only \\' and \\\\ are allowed)", pos);
                }
                value.append(escaped);
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        throw new PatternSyntaxException("unterminated string literal", start);
    }

    /** h'hex', b'base64' or t'timestamp'. */
    private PatternToken typedLiteral(char prefix) {
        int start = pos;
        int close = in.indexOf('\'', pos + 2);
        String name = prefix == 'h' ? "hex" : prefix == 'b' ? "binary" : "timestamp";
        if (close < 0) {
            throw new PatternSyntaxException("unterminated " + name + " literal", start);
        }
        String content = in.substring(pos + 2, close);
        pos = close + 1;
        String text = in.substring(start, pos);
        switch (prefix) {
            case 'h' -> {
                if (!HEX.matcher(content).matches()) {
                    throw new PatternSyntaxException("invalid hex literal " + text
                            + " (expected an even number of hexadecimal digits)", start);
                }
                return new PatternToken(Kind.HEX, text, content, start);
            }
            case 'b' -> {
                if (!BASE64.matcher(content).matches()) {
                    throw new PatternSyntaxException("invalid binary literal " + text + " (expected base64)", start);
                }
                return new PatternToken(Kind.BINARY, text, content, start);
            }
            default -> {
                String problem = StixTimestamps.problem(content);
                if (problem != null) {
                    throw new PatternSyntaxException("invalid timestamp literal " + text + ": " + problem, start);
                }
                return new PatternToken(Kind.TIMESTAMP, text, content, start);
            }
        }
    }

    /** IntLiteral: [+-]?(0|[1-9][0-9]*), FloatLiteral: [+-]?[0-9]*.[0-9]+ */
    private PatternToken number() {
        int start = pos;
        if (in.charAt(pos) == '+' || in.charAt(pos) == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            pos++;
        }
        boolean isFloat = pos + 1 < in.length() && in.charAt(pos) == '.' && isDigit(in.charAt(pos + 1));
        if (isFloat) {
            pos++;
            while (pos < in.length() && isDigit(in.charAt(pos))) {
                pos++;
            }
        }
        // "1.2.3.4" or "1.5x": an unquoted value that is not a number
        if (pos < in.length() && (in.charAt(pos) == '.' || isDigit(in.charAt(pos)) || in.charAt(pos) == ':')) {
            int end = pos;
            while (end < in.length() && "]),' \t\r\n".indexOf(in.charAt(end)) < 0) {
                end++;
            }
            throw new PatternSyntaxException("invalid number '" + in.substring(start, end)
                    + "' (string values must be quoted)", start);
        }
        String text = in.substring(start, pos);
        if (!isFloat && pos - digitsStart > 1 && in.charAt(digitsStart) == '0') {
            throw new PatternSyntaxException("invalid integer '" + text + "' (leading zero)", start);
        }
        return new PatternToken(isFloat ? Kind.FLOAT : Kind.INTEGER, text, text, start);
    }

    private PatternToken identifierOrKeyword() {
        int start = pos;
        while (pos < in.length() && isIdentifierPart(in.charAt(pos))) {
            pos++;
        }
        String text = in.substring(start, pos);
        Kind kind = KEYWORDS.contains(text) ? Kind.KEYWORD
                : text.equals("true") || text.equals("false") ? Kind.BOOLEAN : Kind.IDENTIFIER;
        return new PatternToken(kind, text, text, start);
    }

    /** {@code [+-]? '.'? [0-9]}: the start of an integer or float literal such as 7, -1, .5 or +.5. */
    private boolean startsNumber(int at) {
        int i = at;
        if (in.charAt(i) == '+' || in.charAt(i) == '-') {
            i++;
        }
        if (i < in.length() && in.charAt(i) == '.') {
            i++;
        }
        return i < in.length() && isDigit(in.charAt(i));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '-';
    }

    private static String quoteChar(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}

package io.ctiflow.stix.validation;

/**
 * A token of the STIX patterning language.
 *
 * @param kind     what sort of token
 * @param text     the token as written in the pattern
 * @param value    for string literals the unescaped content, for h'', b'' and t'' literals the quoted content,
 *                 otherwise the same as text
 * @param position zero-based offset of the token's first character
 */
record PatternToken(Kind kind, String text, String value, int position) {

    enum Kind {
        LBRACKET, RBRACKET, LPAREN, RPAREN, COLON, DOT, COMMA, ASTERISK,
        /** = == != <> < <= > >= */
        COMPARATOR,
        /** upper-case reserved words: AND, OR, NOT, FOLLOWEDBY, LIKE, ... */
        KEYWORD,
        IDENTIFIER, INTEGER, FLOAT, STRING, HEX, BINARY, TIMESTAMP, BOOLEAN,
        END
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isKeyword(String word) {
        return kind == Kind.KEYWORD && text.equals(word);
    }

    /** How the token reads in an error message. */
    String describe() {
        return kind == Kind.END ? "end of pattern" : "'" + text + "'";
    }
}

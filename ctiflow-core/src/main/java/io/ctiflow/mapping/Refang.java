package io.ctiflow.mapping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the defanging analysts apply to indicators in reports and mails: hxxp, [.], (dot), [@],
 * [:], fxp and friends, so the value can be matched and deduplicated.
 */
public final class Refang {

    private static final Pattern SCHEME = Pattern.compile("^(?:hxxp|hXXp|h\\*\\*p|meow)(s?)(\\[?:\\]?)?//", Pattern.CASE_INSENSITIVE);
    /** The defanged forms of "." this class undoes (a regular expression, case-insensitive); the personal-data scanner reads the same. */
    public static final String DEFANGED_DOT = "\\s?(?:\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)|\\{dot\\}|\\[\\s?\\.\\s?\\])\\s?";
    /** The defanged forms of "@" this class undoes (a regular expression, case-insensitive). */
    public static final String DEFANGED_AT = "\\s?(?:\\[@\\]|\\(@\\)|\\{@\\}|\\[\\s?at\\s?\\]|\\(\\s?at\\s?\\)|\\{\\s?at\\s?\\})\\s?";
    private static final Pattern DOT = Pattern.compile(DEFANGED_DOT, Pattern.CASE_INSENSITIVE);
    private static final Pattern AT = Pattern.compile(DEFANGED_AT, Pattern.CASE_INSENSITIVE);
    private static final Pattern COLON = Pattern.compile("\\[:\\]|\\(:\\)");
    private static final Pattern SLASHES = Pattern.compile("\\[/\\]|\\[//\\]");

    private Refang() {
    }

    public static String refang(String value) {
        if (!mayBeDefanged(value)) {
            return value; // the common case on the hot path: nothing to undo, no regex run
        }
        String v = value;
        Matcher scheme = SCHEME.matcher(v);
        if (scheme.find()) {
            v = "http" + scheme.group(1) + "://" + v.substring(scheme.end());
        }
        v = DOT.matcher(v).replaceAll(".");
        v = AT.matcher(v).replaceAll("@");
        v = COLON.matcher(v).replaceAll(":");
        v = SLASHES.matcher(v).replaceAll(m -> m.group().length() == 3 ? "/" : "//");
        if (v.regionMatches(true, 0, "fxp://", 0, 6)) {
            v = "ftp://" + v.substring(6);
        }
        return v;
    }

    private static boolean mayBeDefanged(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '[' || c == '(' || c == '{') {
                return true;
            }
        }
        boolean plainScheme = v.regionMatches(true, 0, "http", 0, 4) || v.regionMatches(true, 0, "ftp", 0, 3);
        return !plainScheme && (v.regionMatches(true, 0, "h", 0, 1) || v.regionMatches(true, 0, "fxp", 0, 3)
                || v.regionMatches(true, 0, "meow", 0, 4));
    }
}

package io.ctiflow.policy;

import io.ctiflow.mapping.Refang;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses as CTI reports write them so that they do not become links: defanged the way the IOC
 * refanger undoes ({@code name [at] domain [dot] tld}, {@code name(at)domain.tld}), percent- or HTML-encoded
 * ({@code %40}, {@code &#64;}, {@code &commat;}) or in full-width letters ({@code ＠}). The scanner registers each
 * such span as written, so it is found and replaced where it stands, and pseudonymised by its plain address.
 */
final class WrittenEmails {

    private static final String AT = "(?:@|" + Refang.DEFANGED_AT + "|%40|&#0*64;|&#x0*40;|&commat;|\\s?[＠﹫]\\s?)";
    private static final String DOT = "(?:" + Refang.DEFANGED_DOT + "|%2e|&#0*46;|&#x0*2e;|&period;|[.．。])";
    private static final String LOCAL = "[A-Za-z0-9._%+\\-Ａ-Ｚａ-ｚ０-９．＿－]+";
    private static final String LABEL = "[A-Za-z0-9\\-Ａ-Ｚａ-ｚ０-９－]+";
    private static final String TLD = "[A-Za-zＡ-Ｚａ-ｚ]{2,}(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])";
    private static final Pattern WRITTEN = Pattern.compile(LOCAL + AT + LABEL + "(?:" + DOT + LABEL + ")*" + DOT + TLD,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AT_ONLY = Pattern.compile(AT, Pattern.CASE_INSENSITIVE);
    private static final Pattern DOT_ONLY = Pattern.compile(DOT, Pattern.CASE_INSENSITIVE);

    private WrittenEmails() {
    }

    /**
     * Cheap test before any regular expression runs, on every string of every object: the text holds a disguised
     * "@" ({@code [at]}, {@code (@)}, {@code %40}, an HTML entity, a full-width form), or a plain "@" beside a
     * bracket (a defanged dot). Brackets alone are everywhere (every STIX pattern) and prove nothing.
     */
    static boolean mayHold(String s) {
        boolean at = false;
        boolean bracket = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '@' -> at = true;
                case '[', '(', '{' -> {
                    bracket = true;
                    if (bracketedAt(s, i + 1)) {
                        return true;
                    }
                }
                case '%' -> {
                    if (s.startsWith("40", i + 1)) {
                        return true;
                    }
                }
                case '&' -> {
                    if (s.startsWith("#", i + 1) || s.regionMatches(true, i + 1, "commat;", 0, 7)) {
                        return true;
                    }
                }
                default -> {
                    if (c >= '\uFE00' && c <= '\uFFEF') {
                        return true;
                    }
                }
            }
        }
        return at && bracket;
    }

    /** "at" or "@" right after an opening bracket, spaces allowed: {@code [at]}, {@code ( at )}, {@code {@}}. */
    private static boolean bracketedAt(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i < s.length() && (s.charAt(i) == '@' || s.regionMatches(true, i, "at", 0, 2)
                && (i + 2 == s.length() || !Character.isLetterOrDigit(s.charAt(i + 2))));
    }

    /** Every address in the text written in one of the disguised forms, as written. */
    static void find(String s, Consumer<String> written) {
        if (!mayHold(s)) {
            return;
        }
        Matcher m = WRITTEN.matcher(s);
        while (m.find()) {
            String w = m.group();
            if (!w.equals(plain(w))) {
                written.accept(w); // plain addresses are the scanner's ordinary pattern's
            }
        }
    }

    /** The plain address a written form stands for: {@code alice [at] example [dot] org} is {@code alice@example.org}. */
    static String plain(String written) {
        String s = Normalizer.normalize(written, Normalizer.Form.NFKC);
        s = AT_ONLY.matcher(s).replaceAll("@");
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return s;
        }
        return s.substring(0, at) + "@" + DOT_ONLY.matcher(s.substring(at + 1)).replaceAll(".").toLowerCase(Locale.ROOT);
    }
}

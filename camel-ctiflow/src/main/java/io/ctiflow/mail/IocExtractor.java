package io.ctiflow.mail;

import io.ctiflow.mapping.IocKind;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.mapping.Refang;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Finds indicators in free text (a mail body, an HTML part's text, a report.txt attachment): URLs,
 * domains, IPv4 and IPv6 addresses, e-mail addresses and MD5/SHA-1/SHA-256 hashes, defanged or
 * not. The text is cut into words; each word is refanged ({@link Refang}), trimmed of the
 * punctuation around it and classified and normalised by {@link IocKind}, so a mail's indicators
 * get exactly the normal form a CSV feed's would. Stateless and thread-safe.
 */
public final class IocExtractor {

    static final Set<IocKind> KINDS = EnumSet.of(IocKind.URL, IocKind.DOMAIN, IocKind.IPV4, IocKind.IPV6, IocKind.EMAIL,
            IocKind.MD5, IocKind.SHA1, IocKind.SHA256);

    /** Defang markers written with spaces around them ("evil [.] com", "user [at] host"): joined to their word first. */
    private static final Pattern SPACED_MARKER = Pattern.compile(
            "\\s+(\\[\\.\\]|\\(\\.\\)|\\[dot\\]|\\(dot\\)|\\{dot\\}|\\[@\\]|\\(@\\)|\\[at\\]|\\{at\\}|\\[:\\])\\s+", Pattern.CASE_INSENSITIVE);
    private static final String LEADING = "([{<'\"*";
    private static final String TRAILING = ".,;:!?)]}>'\"*";

    private final Allowlist allowlist;

    public IocExtractor(Allowlist allowlist) {
        this.allowlist = allowlist;
    }

    /** Calls {@code out} with kind and normal value of every indicator in {@code text}, repeats included. */
    public void extract(String text, BiConsumer<IocKind, String> out) {
        String t = text;
        if (t.indexOf('[') >= 0 || t.indexOf('(') >= 0 || t.indexOf('{') >= 0) {
            t = SPACED_MARKER.matcher(t).replaceAll("$1");
        }
        int n = t.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean delimiter = i == n || isDelimiter(t.charAt(i));
            if (!delimiter) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                if (i - start >= 4) {
                    word(t.substring(start, i), out);
                }
                start = -1;
            }
        }
    }

    private static boolean isDelimiter(char c) {
        return c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`' || c == '|' || c == ',' || c == ';'
                || c == '\\' || c == '^' || c == '\u00a0' || Character.isWhitespace(c);
    }

    private void word(String raw, BiConsumer<IocKind, String> out) {
        String w = raw;
        int scheme = schemeStart(w);
        if (scheme > 0) {
            w = w.substring(scheme); // url="hxxp://..." or (hxxp://...)
        } else if (scheme < 0) {
            int eq = w.lastIndexOf('=');
            if (eq >= 0) {
                w = w.substring(eq + 1); // ip=1.2.3.4 in a key=value line
            }
            if (w.regionMatches(true, 0, "mailto:", 0, 7)) {
                w = w.substring(7);
            }
        }
        w = trim(Refang.refang(trimLeading(w)));
        if (w.length() < 4) {
            return;
        }
        if (!classify(w, out) && scheme < 0 && w.indexOf(':') > 0) {
            // "md5:<hash>", "IP:1.2.3.4", "1.2.3.4:8080": the value before the first or after the last colon
            if (!classify(trim(w.substring(w.lastIndexOf(':') + 1)), out)) {
                classify(trim(w.substring(0, w.indexOf(':'))), out);
            }
        }
    }

    private boolean classify(String w, BiConsumer<IocKind, String> out) {
        if (w.length() < 4) {
            return false;
        }
        IocKind kind = IocKind.detect(w);
        if (kind == null || !KINDS.contains(kind)) {
            return false;
        }
        if (kind == IocKind.IPV6 && !plausibleIpv6(w)) {
            return false;
        }
        if (kind == IocKind.URL && !w.regionMatches(true, 0, "http", 0, 4) && !w.regionMatches(true, 0, "ftp", 0, 3)) {
            return false; // file:// or cid: style references are no network indicators
        }
        try {
            String value = kind.normalize(w);
            if (kind == IocKind.DOMAIN && allowlist.notADomain(value)) {
                return false;
            }
            out.accept(kind, value);
            return true;
        } catch (RecordRejected e) {
            return false;
        }
    }

    /** At least three groups and a hex digit: "::" or "a:b" in prose are no addresses. */
    private static boolean plausibleIpv6(String w) {
        int colons = 0;
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) == ':') {
                colons++;
            }
        }
        return colons >= 2 && w.length() >= 6;
    }

    /** Where a URL's scheme starts in a word whose "//" follows ":" or a defanged colon: 0 at the start, -1 when none. */
    private static int schemeStart(String w) {
        int slashes = w.indexOf("//");
        if (slashes < 2) {
            return -1;
        }
        int i = slashes - 1;
        boolean colon = false;
        while (i >= 0 && "[]():".indexOf(w.charAt(i)) >= 0) {
            colon |= w.charAt(i) == ':';
            i--;
        }
        if (!colon) {
            return -1;
        }
        int end = i;
        while (i >= 0 && Character.isLetter(w.charAt(i))) {
            i--;
        }
        return end - i >= 3 ? i + 1 : -1;
    }

    private static String trimLeading(String w) {
        int s = 0;
        while (s < w.length() && LEADING.indexOf(w.charAt(s)) >= 0) {
            s++;
        }
        return w.substring(s);
    }

    private static String trim(String w) {
        int s = 0;
        int e = w.length();
        while (s < e && LEADING.indexOf(w.charAt(s)) >= 0) {
            s++;
        }
        while (e > s && TRAILING.indexOf(w.charAt(e - 1)) >= 0) {
            e--;
        }
        return w.substring(s, e);
    }
}

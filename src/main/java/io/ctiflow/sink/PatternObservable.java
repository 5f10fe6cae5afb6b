package io.ctiflow.sink;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The observable a STIX pattern is about, as SIEM lookups want it: value and type
 * ({@code [ipv4-addr:value = '198.51.100.7']} is ipv4 198.51.100.7). For a compound pattern it is
 * the first comparison and {@link #simple()} is false: the pattern itself must travel along.
 */
record PatternObservable(String value, String type, boolean simple) {

    private static final String PATH = "(?<object>[a-z0-9][a-z0-9-]*):(?<property>[A-Za-z0-9_.'\\-\\[\\]*]+)";
    private static final String OPERATOR = "(?:NOT\\s+)?(?:=|!=|<=|>=|<|>|LIKE|MATCHES|ISSUBSET|ISSUPERSET|IN)";
    private static final String VALUE = "(?:'(?<string>(?:[^'\\\\]|\\\\.)*)'|[htb]'(?<typed>[^']*)'|(?<number>-?\\d+(?:\\.\\d+)?))";
    private static final String COMPARISON = PATH + "\\s*" + OPERATOR + "\\s*" + VALUE;
    private static final Pattern FIRST = Pattern.compile(COMPARISON);
    private static final Pattern SIMPLE = Pattern.compile("^\\s*\\[\\s*" + COMPARISON + "\\s*]\\s*$");
    private static final Pattern SHA = Pattern.compile("sha-?(\\d+)");

    static Optional<PatternObservable> of(String pattern) {
        if (pattern == null) {
            return Optional.empty();
        }
        Matcher m = SIMPLE.matcher(pattern);
        boolean simple = m.matches();
        if (!simple) {
            m = FIRST.matcher(pattern);
            if (!m.find()) {
                return Optional.empty();
            }
        }
        String value = m.group("string") != null ? unescape(m.group("string"))
                : m.group("typed") != null ? m.group("typed") : m.group("number");
        return Optional.of(new PatternObservable(value, type(m.group("object"), m.group("property"), value), simple));
    }

    private static String unescape(String literal) {
        return literal.replace("\\'", "'").replace("\\\\", "\\");
    }

    /** ipv4, ipv6, cidr, cidr6, domain, url, email, md5, sha1, sha256, file-name, asn, ...; else the STIX object type. */
    private static String type(String object, String property, String value) {
        String prop = property.replace("'", "").toLowerCase(Locale.ROOT);
        return switch (object) {
            case "ipv4-addr" -> value.contains("/") ? "cidr" : "ipv4";
            case "ipv6-addr" -> value.contains("/") ? "cidr6" : "ipv6";
            case "domain-name" -> "domain";
            case "url" -> "url";
            case "email-addr", "email-message" -> "email";
            case "autonomous-system" -> "asn";
            case "mac-addr" -> "mac";
            case "file", "artifact", "x509-certificate" -> {
                if (prop.startsWith("hashes.")) {
                    String algorithm = prop.substring("hashes.".length());
                    Matcher sha = SHA.matcher(algorithm);
                    yield sha.matches() ? "sha" + sha.group(1) : algorithm;
                }
                yield "file".equals(object) && prop.equals("name") ? "file-name" : object;
            }
            default -> object;
        };
    }
}

package io.ctiflow.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The observable a STIX pattern is about, as SIEM lookups want it: value and type
 * ({@code [ipv4-addr:value = '198.51.100.7']} is ipv4 198.51.100.7). For a compound pattern it is
 * the first comparison about a value (type discriminators such as {@code network-traffic:dst_ref.type}
 * skipped; their value gives the type of {@code dst_ref.value}) and {@link #simple()} is false: the
 * pattern itself must travel along. {@code port} is a network-traffic dst_port, when compared.
 */
record PatternObservable(String value, String type, boolean simple, String port) {

    private static final String PATH = "(?<object>[a-z0-9][a-z0-9-]*):(?<property>[A-Za-z0-9_.'\\-\\[\\]*]+)";
    private static final String OPERATOR = "(?:NOT\\s+)?(?:=|!=|<=|>=|<|>|LIKE|MATCHES|ISSUBSET|ISSUPERSET|IN)";
    private static final String VALUE = "(?:'(?<string>(?:[^'\\\\]|\\\\.)*)'|[htb]'(?<typed>[^']*)'|(?<number>-?\\d+(?:\\.\\d+)?))";
    private static final String COMPARISON = PATH + "\\s*" + OPERATOR + "\\s*" + VALUE;
    private static final Pattern COMPARISONS = Pattern.compile(COMPARISON);
    private static final Pattern SIMPLE = Pattern.compile("^\\s*\\[\\s*" + COMPARISON + "\\s*]\\s*$");
    private static final Pattern SHA = Pattern.compile("sha-?(\\d+)");

    static Optional<PatternObservable> of(String pattern) {
        if (pattern == null) {
            return Optional.empty();
        }
        boolean simple = SIMPLE.matcher(pattern).matches();
        List<String[]> comparisons = new ArrayList<>();
        Matcher m = COMPARISONS.matcher(pattern);
        while (m.find()) {
            String value = m.group("string") != null ? unescape(m.group("string"))
                    : m.group("typed") != null ? m.group("typed") : m.group("number");
            comparisons.add(new String[] {m.group("object"), m.group("property"), value});
        }
        // the first comparison that is about a value, not a type discriminator (network-traffic:dst_ref.type = 'ipv4-addr')
        for (String[] c : comparisons) {
            if (c[1].equals("type") || c[1].endsWith(".type") || c[1].endsWith("_port") || c[1].equals("protocols[*]")) {
                continue;
            }
            String object = c[0];
            int ref = c[1].lastIndexOf("_ref.");
            if (ref > 0) {
                // dst_ref.value: the type comes from the dst_ref.type comparison when there is one
                String typeProperty = c[1].substring(0, ref) + "_ref.type";
                object = comparisons.stream().filter(t -> t[0].equals(c[0]) && t[1].equals(typeProperty))
                        .map(t -> t[2]).findFirst().orElse(object);
            }
            String property = ref > 0 ? c[1].substring(ref + "_ref.".length()) : c[1];
            return Optional.of(new PatternObservable(c[2], type(object, property, c[2]), simple, port(comparisons)));
        }
        return Optional.empty();
    }

    private static String port(List<String[]> comparisons) {
        return comparisons.stream().filter(c -> c[0].equals("network-traffic") && c[1].equals("dst_port"))
                .map(c -> c[2]).findFirst().orElse(null);
    }

    /** STIX pattern string literals escape only ' and \ with a backslash. */
    private static String unescape(String literal) {
        if (literal.indexOf('\\') < 0) {
            return literal;
        }
        StringBuilder s = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length()) {
                c = literal.charAt(++i);
            }
            s.append(c);
        }
        return s.toString();
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

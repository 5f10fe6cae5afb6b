package io.ctiflow.misp;

import io.ctiflow.mapping.IocKind;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.stix.StixTime;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a MISP value is checked and normalised before it goes into a pattern or an observable; named
 * by the {@code kind} of a field in mappings/misp/. Network and hash kinds reuse {@link IocKind}.
 */
enum ValueKind {
    IP, DOMAIN, URL, EMAIL, MD5, SHA1, SHA224, SHA256, SHA384, SHA512, TEXT, LOWERCASE, INT, PORT, ASN, MAC, DATETIME, REGKEY, HEX, BASE64;

    /** The hive abbreviations STIX 2.1 forbids in windows-registry-key:key, with the names it wants. */
    private static final Map<String, String> HIVES = Map.of("HKLM", "HKEY_LOCAL_MACHINE", "HKCU", "HKEY_CURRENT_USER",
            "HKCR", "HKEY_CLASSES_ROOT", "HKU", "HKEY_USERS", "HKCC", "HKEY_CURRENT_CONFIG");
    /** Top-level domains reserved for tests and documentation (RFC 2606, RFC 6761): no mailbox exists there. */
    private static final Set<String> RESERVED_TLDS = Set.of("test", "example", "invalid", "localhost");
    private static final Pattern BASE64_RE = Pattern.compile("^[A-Za-z0-9+/]*={0,2}$");
    private static final Pattern MAC_RE = Pattern.compile("^[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\\1){4}[0-9a-f]{2}$");

    static ValueKind byName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Numeric kinds are written as JSON numbers in observables and bare integers in patterns. */
    boolean numeric() {
        return this == INT || this == PORT || this == ASN;
    }

    String normalize(String raw) throws RecordRejected {
        String v = raw == null ? "" : raw.trim();
        if (v.isEmpty()) {
            throw new RecordRejected("empty " + name().toLowerCase(Locale.ROOT) + " value");
        }
        return switch (this) {
            case IP -> IocKind.detect(v) == IocKind.IPV6 ? IocKind.IPV6.normalize(v) : IocKind.IPV4.normalize(v);
            case DOMAIN -> IocKind.DOMAIN.normalize(v);
            case URL -> url(v);
            case EMAIL -> email(v);
            case MD5 -> IocKind.MD5.normalize(v);
            case SHA1 -> IocKind.SHA1.normalize(v);
            case SHA256 -> IocKind.SHA256.normalize(v);
            case SHA224 -> hex(v, 56, "sha224");
            case SHA384 -> hex(v, 96, "sha384");
            case SHA512 -> hex(v, 128, "sha512");
            case TEXT -> v;
            case LOWERCASE -> v.toLowerCase(Locale.ROOT);
            case INT -> integer(v, 0, Long.MAX_VALUE, "integer");
            case PORT -> integer(v, 0, 65535, "port");
            case ASN -> IocKind.ASN.normalize(v);
            case MAC -> {
                String mac = v.toLowerCase(Locale.ROOT);
                if (!MAC_RE.matcher(mac).matches()) {
                    throw new RecordRejected("invalid mac address '" + abbreviate(v) + "'");
                }
                yield mac.replace('-', ':');
            }
            case REGKEY -> regkey(v);
            case BASE64 -> {
                // STIX's binary type: standard base64 with padding (MISP's attribute data)
                if (v.length() % 4 != 0 || !BASE64_RE.matcher(v).matches()) {
                    throw new RecordRejected("attribute data is not base64 (" + v.length() + " characters)");
                }
                yield v;
            }
            case HEX -> {
                // STIX's hex type: an even number of hex digits (octets), written in lower case
                if (v.length() % 2 != 0 || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new RecordRejected("invalid hex '" + abbreviate(v) + "' (expected an even number of hex digits)");
                }
                yield v.toLowerCase(Locale.ROOT);
            }
            case DATETIME -> {
                Instant t = MispTime.parse(v);
                if (t == null) {
                    throw new RecordRejected("invalid date-time '" + abbreviate(v) + "'");
                }
                yield StixTime.format(t);
            }
        };
    }

    /**
     * A URL as MISP accepts it: with a scheme (checked like the CSV engine does) or scheme-less
     * ({@code www.example.top/path}), whose host must then be a domain name or an IPv4 address.
     */
    private static String url(String v) throws RecordRejected {
        if (v.contains("://")) {
            return IocKind.URL.normalize(v);
        }
        int end = v.length();
        for (char c : new char[] {'/', '?', '#', ':'}) {
            int at = v.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        String host = v.substring(0, end).toLowerCase(Locale.ROOT);
        IocKind kind = IocKind.detect(host);
        if ((kind == IocKind.DOMAIN || kind == IocKind.IPV4) && !v.contains(" ")) {
            return v;
        }
        throw new RecordRejected("invalid url '" + abbreviate(v) + "' (no scheme and no host name)");
    }

    /** An e-mail address; one in a reserved test domain is no mailbox (and not valid in STIX 2.1's email format). */
    private static String email(String v) throws RecordRejected {
        String address = IocKind.EMAIL.normalize(v);
        String tld = address.substring(address.lastIndexOf('.') + 1);
        if (RESERVED_TLDS.contains(tld)) {
            throw new RecordRejected("e-mail address '" + abbreviate(v) + "' is in the reserved top-level domain ." + tld + " (RFC 2606): no mailbox");
        }
        return address;
    }

    /** A registry key with its hive spelled out (HKLM\x -> HKEY_LOCAL_MACHINE\x), as STIX 2.1 requires. */
    private static String regkey(String v) {
        int end = v.indexOf('\\');
        String hive = (end < 0 ? v : v.substring(0, end)).toUpperCase(Locale.ROOT);
        String full = HIVES.get(hive);
        return full == null ? v : full + (end < 0 ? "" : v.substring(end));
    }

    /** {@code ipv4-addr} or {@code ipv6-addr} for a normalised IP address. */
    static String ipType(String ip) {
        return ip.indexOf(':') >= 0 ? "ipv6-addr" : "ipv4-addr";
    }

    private static String hex(String v, int length, String what) throws RecordRejected {
        if (v.length() != length || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new RecordRejected("invalid " + what + " '" + abbreviate(v) + "'");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    private static String integer(String v, long min, long max, String what) throws RecordRejected {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return Long.toString(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RecordRejected("invalid " + what + " '" + abbreviate(v) + "'");
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

package io.ctiflow.mapping;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
/**
 * The kinds of observable a flat feed carries, each with its validity check, its normal form and
 * its detection rule for mixed columns. Names match mappings/stix/taxonomy-to-stix.yaml.
 */
public enum IocKind {
    IPV4("ipv4"),
    IPV6("ipv6"),
    CIDR("cidr"),
    CIDR6("cidr6"),
    DOMAIN("domain"),
    URL("url"),
    EMAIL("email"),
    MD5("md5"),
    SHA1("sha1"),
    SHA256("sha256"),
    FILE_NAME("file-name"),
    ASN("asn");

    private static final Pattern DOMAIN_RE = Pattern.compile(
            "^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
    private static final Pattern URL_RE = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/?#]+[^\\s]*$");
    private static final Pattern EMAIL_RE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ASN_RE = Pattern.compile("^(?:AS)?(\\d{1,10})$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_NAME_RE = Pattern.compile("^[^/\\\\:*?\"<>|\\x00-\\x1f]{1,255}\\.[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$");
    /** Extensions that make "a.b.exe" a file name rather than a domain when a mixed column is detected. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("exe", "dll", "scr", "bat", "cmd", "ps1", "vbs",
            "js", "jse", "hta", "lnk", "msi", "jar", "apk", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "pdf", "rtf", "iso", "img",
            "rar", "7z", "gz", "tar", "elf", "bin", "sh", "dmg", "one", "wsf", "cpl", "sys");

    private final String id;

    IocKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static IocKind byId(String id) {
        for (IocKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        return null;
    }

    /** The normal form of a value of this kind; rejects a value that is not of this kind. */
    public String normalize(String value) throws RecordRejected {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new RecordRejected("empty " + id + " value");
        }
        String normal = switch (this) {
            case IPV4 -> isIpv4(v) ? v : null;
            case IPV6 -> isIpv6(v) ? v.toLowerCase(Locale.ROOT) : null;
            case CIDR -> cidr(v, false);
            case CIDR6 -> cidr(v, true);
            case DOMAIN -> {
                String d = v.toLowerCase(Locale.ROOT);
                d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
                yield DOMAIN_RE.matcher(d).matches() && !isIpv4(d) ? d : null;
            }
            case URL -> URL_RE.matcher(v).matches() ? v : null;
            case EMAIL -> EMAIL_RE.matcher(v).matches() ? v.toLowerCase(Locale.ROOT) : null;
            case MD5 -> hex(v, 32);
            case SHA1 -> hex(v, 40);
            case SHA256 -> hex(v, 64);
            case FILE_NAME -> FILE_NAME_RE.matcher(v).matches() ? v : null;
            case ASN -> {
                var m = ASN_RE.matcher(v);
                yield m.matches() && Long.parseLong(m.group(1)) <= 4294967295L ? Long.toString(Long.parseLong(m.group(1))) : null;
            }
        };
        if (normal == null) {
            throw new RecordRejected("invalid " + id + " '" + abbreviate(v) + "'");
        }
        return normal;
    }

    /** The kind of a value in a mixed column, or null when it is none of the known kinds. */
    public static IocKind detect(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        if (isIpv4(v)) {
            return IPV4;
        }
        if (v.indexOf("://") > 0) {
            return URL_RE.matcher(v).matches() ? URL : null;
        }
        int slash = v.indexOf('/');
        if (slash > 0) {
            if (cidr(v, false) != null) {
                return CIDR;
            }
            return cidr(v, true) != null ? CIDR6 : null;
        }
        if (v.indexOf(':') >= 0) {
            return isIpv6(v) ? IPV6 : null;
        }
        if (v.indexOf('@') > 0) {
            return EMAIL_RE.matcher(v).matches() ? EMAIL : null;
        }
        if (hex(v, 32) != null) {
            return MD5;
        }
        if (hex(v, 40) != null) {
            return SHA1;
        }
        if (hex(v, 64) != null) {
            return SHA256;
        }
        if (v.regionMatches(true, 0, "AS", 0, 2) && ASN_RE.matcher(v).matches()) {
            return ASN;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (FILE_EXTENSIONS.contains(lower.substring(lower.lastIndexOf('.') + 1)) && FILE_NAME_RE.matcher(v).matches()) {
            return FILE_NAME;
        }
        if (DOMAIN_RE.matcher(lower).matches()) {
            return DOMAIN;
        }
        return FILE_NAME_RE.matcher(v).matches() ? FILE_NAME : null;
    }

    static boolean isIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int octets = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255 || (digits > 1 && s.charAt(i - digits) == '0')) {
                    return false; // empty octet, out of range, or a leading zero (ambiguous octal)
                }
                octets++;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return octets == 4;
    }

    static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        String body = s;
        int groupsNeeded = 8;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) > 0) {
            // embedded IPv4 tail, e.g. ::ffff:192.0.2.1
            if (!isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            body = s.substring(0, lastColon + 1) + "0";
            groupsNeeded = 7;
        }
        int doubleColon = body.indexOf("::");
        if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] parts = body.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                boolean partOfDoubleColon = doubleColon >= 0;
                if (!partOfDoubleColon) {
                    return false;
                }
                continue;
            }
            if (p.length() > 4 || !isHex(p)) {
                return false;
            }
            groups++;
        }
        return doubleColon >= 0 ? groups < groupsNeeded : groups == groupsNeeded;
    }

    private static String cidr(String v, boolean six) {
        int slash = v.indexOf('/');
        if (slash <= 0 || slash == v.length() - 1) {
            return null;
        }
        String address = v.substring(0, slash);
        String prefix = v.substring(slash + 1);
        if (prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int bits = Integer.parseInt(prefix);
        boolean ok = six ? isIpv6(address) && bits <= 128 : isIpv4(address) && bits <= 32;
        return ok ? (six ? address.toLowerCase(Locale.ROOT) : address) + "/" + bits : null;
    }

    private static String hex(String v, int length) {
        return v.length() == length && isHex(v) ? v.toLowerCase(Locale.ROOT) : null;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

package io.ctiflow.policy;

import java.util.Locale;
import java.util.regex.Pattern;
/**
 * One personal-data value found in a bundle and its class ({@code email-address}, {@code name},
 * {@code phone-number}, {@code user-account}, {@code ip-address}, or a class the source flagged).
 */
public record PersonalValue(String value, String personalDataClass) {

    public static final String EMAIL = "email-address";
    public static final String NAME = "name";
    public static final String PHONE = "phone-number";
    public static final String ACCOUNT = "user-account";
    public static final String IP = "ip-address";

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");

    public static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    public static boolean isIpv6(String s) {
        return s.indexOf(':') >= 0 && IPV6.matcher(s).matches() && s.chars().filter(c -> c == ':').count() >= 2;
    }

    /** RFC 1918, loopback, link-local and IPv6 unique-local/link-local addresses: internal networks. */
    public static boolean isInternalIp(String s) {
        if (isIpv4(s)) {
            String[] o = s.split("\\.");
            int a = Integer.parseInt(o[0]);
            int b = Integer.parseInt(o[1]);
            return a == 10 || a == 127 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254);
        }
        if (isIpv6(s)) {
            String l = s.toLowerCase(Locale.ROOT);
            return l.startsWith("fc") || l.startsWith("fd") || l.startsWith("fe80") || l.equals("::1");
        }
        return false;
    }
}

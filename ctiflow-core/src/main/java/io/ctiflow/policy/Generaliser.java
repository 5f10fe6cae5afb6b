package io.ctiflow.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Coarser forms of personal values that keep what is useful for defence: IPv4 addresses become their
 * /24, IPv6 addresses their /48, e-mail addresses their domain (as {@code *@domain}, still a valid
 * address), anything else (names, phone numbers, accounts) cannot be generalised and is redacted.
 */
public final class Generaliser {

    private Generaliser() {
    }

    /** The generalised value, or null when the value has no meaningful coarser form. */
    public static String generalise(String value) {
        if (PersonalValue.isIpv4(value)) {
            return value.substring(0, value.lastIndexOf('.')) + ".0/24";
        }
        if (PersonalValue.isIpv6(value)) {
            try {
                byte[] a = InetAddress.getByName(value).getAddress();
                return String.format("%x:%x:%x::/48", ((a[0] & 0xff) << 8) | (a[1] & 0xff),
                        ((a[2] & 0xff) << 8) | (a[3] & 0xff), ((a[4] & 0xff) << 8) | (a[5] & 0xff));
            } catch (UnknownHostException e) {
                return null;
            }
        }
        int at = value.lastIndexOf('@');
        if (at > 0 && at < value.length() - 1) {
            return "*@" + value.substring(at + 1);
        }
        return null;
    }
}

package io.ctiflow.policy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed pseudonyms (HMAC-SHA-256): the same value always gives the same pseudonym under one key,
 * so partners can correlate without learning the value, and nobody without the key can confirm a
 * guess. Pseudonyms keep the syntax of what they replace so that patterns and SCOs stay valid:
 * e-mail addresses stay addresses (under example.org, reserved by RFC 2606 and never delivered to; the
 * .invalid TLD fails the official STIX schema's e-mail format, which checks the TLD), IPv4 addresses map into the
 * reserved 240.0.0.0/4 block, IPv6 addresses into the documentation prefix 2001:db8::/32.
 */
public final class Pseudonymiser {

    private final byte[] key;
    private final String keySource;

    /** @param key the secret, or null when none is configured (pseudonymising then fails closed) */
    public Pseudonymiser(byte[] key, String keySource) {
        this.key = key == null ? null : key.clone();
        this.keySource = keySource;
    }

    public boolean hasKey() {
        return key != null;
    }

    /** Where the key is expected, for error messages (never the key itself). */
    public String keySource() {
        return keySource;
    }

    public String pseudonym(String personalDataClass, String value) {
        byte[] mac = mac(personalDataClass + '\u001f' + value);
        HexFormat hex = HexFormat.of();
        if (PersonalValue.isIpv4(value)) {
            return "240." + (mac[0] & 0xff) + "." + (mac[1] & 0xff) + "." + (mac[2] & 0xff);
        }
        if (PersonalValue.isIpv6(value)) {
            StringBuilder s = new StringBuilder("2001:db8");
            for (int i = 0; i < 6; i++) {
                s.append(':').append(Integer.toHexString(((mac[2 * i] & 0xff) << 8) | (mac[2 * i + 1] & 0xff)));
            }
            return s.toString();
        }
        if (value.indexOf('@') > 0) {
            return hex.formatHex(mac, 0, 10) + "@pseudonymised.example.org";
        }
        return "pseudonym-" + hex.formatHex(mac, 0, 10);
    }

    private byte[] mac(String text) {
        if (key == null) {
            throw new IllegalStateException("no pseudonymisation key configured (" + keySource + ")");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}

package io.ctiflow.taxii.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer API tokens: random 32-byte strings, stored only as {@code sha256$<hex>}. A plain hash is
 * enough here (unlike passwords) because tokens are long and random: there is nothing to guess.
 */
public final class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String token) {
        return "sha256$" + HexFormat.of().formatHex(sha256(token));
    }

    public static boolean verify(String token, String stored) {
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII));
    }

    public static void checkFormat(String stored) {
        if (!stored.matches("sha256\\$[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a token hash of the form sha256$<64 hex digits> (make one with: ctiflow serve --hash-token)");
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.ctiflow.taxii.server;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashes in the form {@code pbkdf2$<iterations>$<base64 salt>$<base64 hash>}:
 * PBKDF2WithHmacSHA256 from the JDK, 16-byte random salt, 256-bit hash, compared in constant time.
 */
public final class Passwords {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations, 256));
    }

    /**
     * A well-formed hash of {@code iterations} that no password matches (its hash is all zeros): checking
     * a password against it costs exactly what a real check costs.
     */
    static String unmatchable(int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(new byte[32]);
    }

    /** The iteration count of a hash in the checked format. */
    static int iterations(String stored) {
        return Integer.parseInt(stored.split("\\$")[1]);
    }

    public static boolean verify(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        checkFormat(stored);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(password, salt, Integer.parseInt(parts[1]), expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Fails with a message naming the expected form (never echoing the value). */
    public static void checkFormat(String stored) {
        String[] parts = stored.split("\\$");
        boolean ok = parts.length == 4 && parts[0].equals("pbkdf2") && parts[1].matches("[1-9][0-9]{0,8}");
        if (ok) {
            try {
                ok = Base64.getDecoder().decode(parts[2]).length >= 8 && Base64.getDecoder().decode(parts[3]).length >= 16;
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("not a password hash of the form pbkdf2$<iterations>$<salt>$<hash> "
                    + "(make one with: ctiflow serve --hash-password)");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }
}

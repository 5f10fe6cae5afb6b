package io.ctiflow.taxii.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The store's compact keys, computed the same way by the V3 migration's SQL: the first 128 bits of a body's
 * SHA-256 (two longs, big-endian) find a body already stored; the first 64 bits of SHA-256(object id, UTF-8)
 * lead the index of a collection's object versions. SHA-256 rather than a fast non-cryptographic hash: a client
 * chooses ids and bodies, and must not be able to make two bodies share a key (one collection would serve the
 * other's bytes) or flood one id hash with many ids.
 */
final class ContentKeys {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private ContentKeys() {
    }

    /** {hi, lo}: the first 128 bits of SHA-256(body). */
    static long[] ofBody(byte[] body) {
        byte[] d = SHA256.get().digest(body);
        return new long[] {longAt(d, 0), longAt(d, 8)};
    }

    static long idHash(String objectId) {
        return longAt(SHA256.get().digest(objectId.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }
}

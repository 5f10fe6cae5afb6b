package io.ctiflow.taxii.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The store's compact keys, computed the same way by the V3 migration's SQL: the first 128 bits of the SHA-256 of
 * an object's id and body (two longs, big-endian) find a body already stored; the first 64 bits of SHA-256(object id, UTF-8)
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

    /** Bits of a membership's position below the collection number: seq (up to 2^40, a trillion objects per collection). */
    static final int SEQ_BITS = 40;
    static final long SEQ_MASK = (1L << SEQ_BITS) - 1;

    /** A membership's key: the collection's number, then its seq, so a collection's rows are one range in seq order. */
    static long position(int collectionNo, long seq) {
        return (long) collectionNo << SEQ_BITS | seq;
    }

    /**
     * {hi, lo}: the first 128 bits of SHA-256(object id, a zero byte, body). The id is part of the key so that a body
     * is only ever referenced by memberships of its own id (a writer looking up an id finds only its own bodies).
     */
    static long[] ofBody(String objectId, byte[] body) {
        MessageDigest sha = SHA256.get();
        sha.update(objectId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        byte[] d = sha.digest(body);
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

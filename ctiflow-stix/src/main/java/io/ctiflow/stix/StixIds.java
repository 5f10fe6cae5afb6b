package io.ctiflow.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
/**
 * STIX identifiers. Cyber-observables get the spec's UUIDv5 over their id-contributing properties
 * (STIX 2.1 section 2.9), so the same observable always has the same id whoever creates it.
 * Indicators and named SDOs get ctiflow-namespaced UUIDv5 ids, so re-ingesting the same
 * intelligence from the same source yields the same objects instead of duplicates.
 */
public final class StixIds {

    /** The namespace the STIX 2.1 spec fixes for cyber-observable ids. */
    public static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    /** ctiflow's own namespace for deterministic SDO ids. */
    public static final UUID CTIFLOW_NAMESPACE = UUID.fromString("5d1e4f8a-1c3b-5a7e-9f20-c71f10e5a001");

    private static final char SEP = '\u001f';

    private StixIds() {
    }

    /** Whether the type is one of STIX 2.1's cyber-observable (SCO) types. */
    public static boolean isObservableType(String type) {
        return ScoIdProperties.isObservableType(type);
    }

    /** {@code <type>--<uuidv5(SCO namespace, JCS(id-contributing properties))>}. */
    public static String observableId(ObjectNode sco) {
        // the spec: no contributing properties present -> UUIDv4
        return deterministicObservableId(sco).orElseGet(() -> sco.path("type").asText() + "--" + UUID.randomUUID());
    }

    /**
     * The spec's UUIDv5 id of an observable; for one without id-contributing properties (process, or a value set
     * lacking them) a UUIDv5 over all its other properties instead of the spec's random UUIDv4, so that the same
     * content always gets the same id.
     */
    public static String contentObservableId(ObjectNode sco) {
        return deterministicObservableId(sco).orElseGet(() -> {
            ObjectNode content = sco.deepCopy();
            content.remove("id");
            return sco.path("type").asText() + "--" + uuid5(SCO_NAMESPACE, JsonCanonicalizer.canonicalize(content));
        });
    }

    /** The spec's UUIDv5 id of an observable, or empty when it has none of its id-contributing properties. */
    public static Optional<String> deterministicObservableId(ObjectNode sco) {
        String type = sco.path("type").asText();
        List<String> contributing = ScoIdProperties.forType(type);
        ObjectNode basis = sco.objectNode();
        for (String property : contributing) {
            JsonNode value = sco.get(property);
            if (value == null || value.isNull()) {
                continue;
            }
            basis.set(property, "hashes".equals(property) ? preferredHash(value) : value);
        }
        if (basis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(type + "--" + uuid5(SCO_NAMESPACE, JsonCanonicalizer.canonicalize(basis)));
    }

    /** Deterministic indicator id: same source, same kind and same value give the same id. */
    public static String indicatorId(String source, String kind, String value) {
        return "indicator--" + uuid5(CTIFLOW_NAMESPACE, source + SEP + kind + SEP + value);
    }

    /** Deterministic id for a named SDO (malware family, threat actor, identity), case-insensitive on the name. */
    public static String namedObjectId(String type, String name) {
        return type + "--" + uuid5(CTIFLOW_NAMESPACE, type + SEP + name.trim().toLowerCase(Locale.ROOT));
    }

    /** Deterministic id for a relationship between two objects. */
    public static String relationshipId(String sourceRef, String relationshipType, String targetRef) {
        return "relationship--" + uuid5(CTIFLOW_NAMESPACE, sourceRef + SEP + relationshipType + SEP + targetRef);
    }

    /** RFC 4122 name-based UUID, version 5 (SHA-1). */
    public static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        byte[] ns = new byte[16];
        long msb = namespace.getMostSignificantBits();
        long lsb = namespace.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            ns[i] = (byte) (msb >>> (8 * (7 - i)));
            ns[8 + i] = (byte) (lsb >>> (8 * (7 - i)));
        }
        sha1.update(ns);
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (hash[i] & 0xff);
            low = (low << 8) | (hash[8 + i] & 0xff);
        }
        return new UUID(high, low);
    }

    /**
     * The spec lets the hashes dictionary contribute; like the OASIS python-stix2 library we use one
     * hash, by preference MD5, SHA-1, SHA-256, SHA-512, so producers agree on the id.
     */
    private static JsonNode preferredHash(JsonNode hashes) {
        for (String algorithm : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
            JsonNode value = hashes.get(algorithm);
            if (value != null) {
                ObjectNode one = ((ObjectNode) hashes).objectNode();
                one.set(algorithm, value);
                return one;
            }
        }
        return hashes;
    }

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-1", e);
        }
    });
}

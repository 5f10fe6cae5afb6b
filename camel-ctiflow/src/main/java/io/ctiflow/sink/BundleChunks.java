package io.ctiflow.sink;

import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits objects into serialised STIX bundles of at most {@code maxBytes}, each self-contained: an
 * object travels with the objects of the same batch it refers to (markings, identities, the
 * indicator of a relationship...), repeated in every bundle that needs them. An object that with
 * what it refers to is larger than the cap goes alone in a bundle over the cap: the receiver, not
 * ctiflow, decides what it accepts (a 413 then fails the exchange naming the receiver).
 * <p>
 * The bundle id is derived from the objects (a name-based UUID of their bytes), so the same
 * objects always make the same body: a redelivered exchange yields the same Idempotency-Key.
 */
final class BundleChunks {

    private static final Pattern IDENTIFIER = Pattern.compile(
            "\"([a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"");
    /** {"type":"bundle","id":"bundle--<36>","objects":[ ... ]} */
    private static final int OVERHEAD = "{\"type\":\"bundle\",\"id\":\"bundle--\",\"objects\":[]}".length() + 36;

    private BundleChunks() {
    }

    /** A bundle ready to send: its exact bytes and how many objects it holds (references repeated included). */
    record Chunk(byte[] body, int objects, boolean oversized) {
    }

    static List<Chunk> split(List<StixObject> objects, long maxBytes) {
        Map<String, StixObject> byId = new HashMap<>();
        for (StixObject o : objects) {
            byId.putIfAbsent(o.id(), o);
        }
        Map<String, List<String>> refs = new HashMap<>();
        List<Chunk> chunks = new ArrayList<>();
        // keyed by id and version: two versions of an object both travel
        Map<String, StixObject> current = new LinkedHashMap<>();
        Set<String> presentIds = new HashSet<>();
        long size = OVERHEAD;
        for (StixObject o : objects) {
            if (current.containsKey(key(o))) {
                continue;
            }
            List<StixObject> needed = closure(o, presentIds, byId, refs);
            long add = bytes(needed);
            if (!current.isEmpty() && size + add > maxBytes) {
                chunks.add(chunk(current.values(), maxBytes));
                current.clear();
                presentIds.clear();
                size = OVERHEAD;
                needed = closure(o, presentIds, byId, refs);
                add = bytes(needed);
            }
            for (StixObject n : needed) {
                current.put(key(n), n);
                presentIds.add(n.id());
            }
            size += add;
        }
        if (!current.isEmpty()) {
            chunks.add(chunk(current.values(), maxBytes));
        }
        return chunks;
    }

    private static String key(StixObject o) {
        return o.id() + '|' + o.modified();
    }

    /** The object and, transitively, the objects of the batch it refers to that are not in the bundle yet. */
    private static List<StixObject> closure(StixObject start, Set<String> present, Map<String, StixObject> byId,
                                            Map<String, List<String>> refs) {
        List<StixObject> out = new ArrayList<>();
        Set<String> seen = new HashSet<>(List.of(start.id()));
        Deque<StixObject> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            StixObject o = todo.pop();
            out.add(o);
            for (String ref : refs.computeIfAbsent(o.id(), k -> references(o))) {
                StixObject target = byId.get(ref);
                if (target != null && !present.contains(ref) && seen.add(ref)) {
                    todo.push(target);
                }
            }
        }
        return out;
    }

    private static List<String> references(StixObject o) {
        List<String> ids = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(new String(o.json(), StandardCharsets.UTF_8));
        while (m.find()) {
            if (!m.group(1).equals(o.id())) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static long bytes(List<StixObject> objects) {
        long n = 0;
        for (StixObject o : objects) {
            n += o.json().length + 1;
        }
        return n;
    }

    private static Chunk chunk(Iterable<StixObject> objects, long maxBytes) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        MessageDigest digest = sha256();
        int count = 0;
        for (StixObject o : objects) {
            if (count++ > 0) {
                content.write(',');
            }
            content.writeBytes(o.json());
        }
        byte[] objectBytes = content.toByteArray();
        String id = "bundle--" + StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "webhook-bundle/" + hex(digest.digest(objectBytes)));
        ByteArrayOutputStream body = new ByteArrayOutputStream(objectBytes.length + OVERHEAD);
        body.writeBytes(("{\"type\":\"bundle\",\"id\":\"" + id + "\",\"objects\":[").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(objectBytes);
        body.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return new Chunk(body.toByteArray(), count, body.size() > maxBytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}

package io.ctiflow.taxii.store;

import io.ctiflow.db.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores the objects of one envelope, or of one batch fanned out to several collections, in one transaction.
 * Every collection's clock row is locked first (SELECT ... FOR UPDATE, in collection-id order so that two
 * writers cannot deadlock), so writers to a collection take turns even across server instances on one
 * PostgreSQL: date_added and seq then grow in commit order, and a reader paging by seq can never see a later
 * seq commit before an earlier one (which would make it skip objects). Under those locks the writer also checks
 * which (id, version) each collection holds already, which keeps them unique per collection.
 *
 * <p>Schema V4: a body is written once into {@code taxii_content} however many collections receive it (found
 * again by its SHA-256), with the id, version and type that describe it; each collection gets a small
 * {@code taxii_membership} row. The whole batch costs one look-up per 500 distinct ids for all collections together
 * (the id index into the memberships of the bodies found, which also finds bodies stored already), and one batched
 * INSERT for the new bodies and one for the memberships. Two writers to different collections storing the same new
 * body at the same moment may each write it (nothing locks a body); it is then stored twice, which costs space only.
 */
final class ObjectIngest {

    private static final int CHUNK = 500;
    private static final int ATTEMPTS = 3;

    private ObjectIngest() {
    }

    private record Key(String id, long version) {
    }

    /** A body's key; equal by (hi, lo) only (id is the object's, kept to check a reused byte array). */
    private record Hash(long hi, long lo, String id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Hash h && h.hi == hi && h.lo == lo;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hi) * 31 + Long.hashCode(lo);
        }
    }

    static AddResult add(Connection c, Dialect dialect, String collectionId, List<NewObject> objects) throws SQLException {
        return addAll(c, dialect, Map.of(collectionId, objects)).get(collectionId);
    }

    /**
     * Stores several collections' objects in one transaction (a fan-out of one batch to every destination's
     * collection). Retried (at most {@value #ATTEMPTS} times in all) when the database broke a deadlock.
     */
    static Map<String, AddResult> addAll(Connection c, Dialect dialect, Map<String, List<NewObject>> byCollection) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            c.setAutoCommit(false);
            try {
                Map<String, AddResult> results = addUncommitted(c, dialect, new TreeMap<>(byCollection));
                c.commit();
                return results;
            } catch (SQLException e) {
                c.rollback();
                if (attempt < ATTEMPTS && retryable(e)) {
                    continue;
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        // 40001/40P01: the database broke a deadlock (or a serialization conflict)
        return "40001".equals(state) || "40P01".equals(state);
    }

    private static Map<String, AddResult> addUncommitted(Connection c, Dialect dialect, TreeMap<String, List<NewObject>> sorted) throws SQLException {
        int n = sorted.size();
        List<String> collections = new ArrayList<>(sorted.keySet());
        int[] numbers = new int[n];
        long[] dateAdded = new long[n];
        long[] seq = new long[n];
        long now = TaxiiTime.nowMicros();
        for (int i = 0; i < n; i++) {
            long[] clock = lockClock(c, collections.get(i));
            if (clock == null) {
                throw new IllegalStateException("unknown collection " + collections.get(i) + " (not registered at start)");
            }
            // all objects of one envelope share a date_added; seq orders them and breaks the tie
            dateAdded[i] = Math.max(now, clock[0] + 1);
            seq[i] = clock[1];
            numbers[i] = (int) clock[2];
        }
        List<Map<Key, NewObject>> unique = new ArrayList<>(n);
        Map<String, Long> idHashes = new HashMap<>();
        for (List<NewObject> objects : sorted.values()) {
            Map<Key, NewObject> u = new LinkedHashMap<>();
            for (NewObject o : objects) {
                u.putIfAbsent(new Key(o.id(), o.version()), o);
                idHashes.computeIfAbsent(o.id(), ContentKeys::idHash);
            }
            unique.add(u);
        }
        // what every collection holds already of these ids: (collection_no -> stored versions, highest version per id)
        Map<Integer, Set<Key>> existing = new HashMap<>();
        Map<Integer, Map<String, Long>> storedLatest = new HashMap<>();
        Map<Integer, Map<String, List<Long>>> latestPositions = new HashMap<>();
        for (int i = 0; i < n; i++) {
            existing.put(numbers[i], new HashSet<>());
            storedLatest.put(numbers[i], new HashMap<>());
            latestPositions.put(numbers[i], new HashMap<>());
        }
        Map<Hash, Long> contentNos = new HashMap<>(); // body -> content_no, stored already or written below
        existing(c, idHashes, existing, storedLatest, latestPositions, contentNos);

        List<List<NewObject>> fresh = new ArrayList<>(n);
        List<Map<String, Long>> newLatest = new ArrayList<>(n);
        IdentityHashMap<NewObject, Hash> bodyHashes = new IdentityHashMap<>();
        IdentityHashMap<byte[], Hash> byBytes = new IdentityHashMap<>(); // the same bytes sent to several collections are hashed once
        Map<Hash, NewObject> bodies = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Set<Key> stored = existing.get(numbers[i]);
            Map<String, Long> latest = storedLatest.get(numbers[i]);
            List<NewObject> f = new ArrayList<>();
            Map<String, Long> top = new HashMap<>(); // id -> highest version after this envelope, where it is a new one
            for (Map.Entry<Key, NewObject> e : unique.get(i).entrySet()) {
                if (!stored.contains(e.getKey())) { // a stored version is a success without a new row
                    NewObject o = e.getValue();
                    f.add(o);
                    top.merge(o.id(), o.version(), Math::max);
                    Hash h = byBytes.get(o.json());
                    if (h == null || !h.id().equals(o.id())) {
                        long[] k = ContentKeys.ofBody(o.id(), o.json());
                        h = new Hash(k[0], k[1], o.id());
                        byBytes.put(o.json(), h);
                    }
                    bodyHashes.put(o, h);
                    bodies.putIfAbsent(h, o);
                }
            }
            top.entrySet().removeIf(e -> latest.containsKey(e.getKey()) && latest.get(e.getKey()) > e.getValue());
            demote(c, top.keySet(), latestPositions.get(numbers[i]));
            fresh.add(f);
            newLatest.add(top);
        }
        storeBodies(c, dialect, bodies, idHashes, contentNos);

        // one row per (collection, object), inserted in body order: the content_no index then takes them at its end
        // (in collection order, each collection's rows would revisit the index pages of the ones before)
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (NewObject o : fresh.get(i)) {
                Long top = newLatest.get(i).get(o.id());
                rows.add(new long[] {ContentKeys.position(numbers[i], ++seq[i]), contentNos.get(bodyHashes.get(o)), dateAdded[i],
                        top != null && top == o.version() ? 1 : 0});
            }
        }
        rows.sort((x, y) -> x[1] != y[1] ? Long.compare(x[1], y[1]) : Long.compare(x[0], y[0]));
        if (!rows.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO taxii_membership (position, content_no, date_added, latest) VALUES (?, ?, ?, ?)")) {
                for (long[] row : rows) {
                    insert.setLong(1, row[0]);
                    insert.setLong(2, row[1]);
                    insert.setLong(3, row[2]);
                    insert.setBoolean(4, row[3] == 1);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        Map<String, AddResult> results = new TreeMap<>();
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE taxii_collection_state SET last_date_added = ?, last_seq = ? WHERE collection_id = ?")) {
            boolean updates = false;
            for (int i = 0; i < n; i++) {
                int stored = fresh.get(i).size();
                if (stored > 0) {
                    update.setLong(1, dateAdded[i]);
                    update.setLong(2, seq[i]);
                    update.setString(3, collections.get(i));
                    update.addBatch();
                    updates = true;
                }
                results.put(collections.get(i), new AddResult(dateAdded[i], sorted.get(collections.get(i)), stored));
            }
            if (updates) {
                update.executeBatch();
            }
        }
        return results;
    }

    /** Writes the bodies not stored yet ({@code numbers} holds those that are) and adds their numbers to it. */
    private static void storeBodies(Connection c, Dialect dialect, Map<Hash, NewObject> bodies, Map<String, Long> idHashes,
                                    Map<Hash, Long> numbers) throws SQLException {
        List<Hash> missing = new ArrayList<>();
        for (Hash h : bodies.keySet()) {
            if (!numbers.containsKey(h)) {
                missing.add(h);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        // content numbers come from a sequence (no lock: writers to other collections never wait for each other)
        String next = dialect == Dialect.POSTGRESQL ? "SELECT nextval('taxii_content_no') FROM generate_series(1, ?)"
                : "SELECT NEXT VALUE FOR taxii_content_no FROM SYSTEM_RANGE(1, ?)";
        try (PreparedStatement p = c.prepareStatement(next); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO taxii_content (content_no, id_hash, object_id, version, object_type, spec_version, hash_hi, hash_lo, body) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setInt(1, missing.size());
            int i = 0;
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Hash h = missing.get(i++);
                    long no = rs.getLong(1);
                    numbers.put(h, no);
                    NewObject o = bodies.get(h);
                    insert.setLong(1, no);
                    insert.setLong(2, idHashes.get(o.id()));
                    insert.setString(3, o.id());
                    insert.setLong(4, o.version());
                    insert.setString(5, o.type());
                    insert.setString(6, o.specVersion());
                    insert.setLong(7, h.hi());
                    insert.setLong(8, h.lo());
                    insert.setBytes(9, o.json());
                    insert.addBatch();
                }
            }
            if (i != missing.size()) {
                throw new SQLException("the content sequence gave " + i + " numbers for " + missing.size() + " bodies");
            }
            insert.executeBatch();
        }
    }

    /** Creates the collection's clock row unless it exists (at server start, before any writer), with the next collection number. */
    static void ensureCollection(Connection c, String collectionId) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            if (exists(c, collectionId)) {
                return;
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO taxii_collection_state (collection_id, last_date_added, last_seq, collection_no) "
                    + "SELECT ?, 0, 0, COALESCE(MAX(collection_no), 0) + 1 FROM taxii_collection_state")) {
                p.setString(1, collectionId);
                p.executeUpdate();
                return;
            } catch (SQLException e) {
                // another instance on the same PostgreSQL may have registered it (or taken that number) a moment ago
                if (exists(c, collectionId)) {
                    return;
                }
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static boolean exists(Connection c, String collectionId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM taxii_collection_state WHERE collection_id = ?")) {
            p.setString(1, collectionId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {last_date_added, last_seq, collection_no} of the collection, its row locked until the transaction ends; null when unknown. */
    static long[] lockClock(Connection c, String collectionId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT last_date_added, last_seq, collection_no FROM taxii_collection_state WHERE collection_id = ? FOR UPDATE")) {
            p.setString(1, collectionId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getInt(3)} : null;
            }
        }
    }

    /** Clears the latest flag of ids whose new version is higher than every stored one ({@code latest}: their flagged positions). */
    private static void demote(Connection c, Set<String> ids, Map<String, List<Long>> latest) throws SQLException {
        List<Long> positions = new ArrayList<>();
        for (String id : ids) {
            positions.addAll(latest.getOrDefault(id, List.of()));
        }
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE taxii_membership SET latest = FALSE WHERE position = ?")) {
            for (long position : positions) {
                p.setLong(1, position);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Marks the highest remaining version of an object as latest (after a delete). */
    static void promote(Connection c, int collectionNo, String objectId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE taxii_membership SET latest = TRUE WHERE position = (SELECT m.position "
                + "FROM taxii_content b JOIN taxii_membership m ON m.content_no = b.content_no WHERE b.id_hash = ? AND b.object_id = ? "
                + "AND m.position > ? AND m.position < ? ORDER BY b.version DESC, m.position DESC LIMIT 1)")) {
            p.setLong(1, ContentKeys.idHash(objectId));
            p.setString(2, objectId);
            p.setLong(3, ContentKeys.position(collectionNo, 0));
            p.setLong(4, ContentKeys.position(collectionNo + 1, 0));
            p.executeUpdate();
        }
    }

    /**
     * One look-up for the whole batch: the id index of the bodies (longs only), and the memberships of the bodies it
     * finds (which are compared by the full id: two ids may share a 64-bit hash). Memberships in the batch's
     * collections say what is stored already and which rows carry the latest flag; every body found, whoever holds it,
     * is referenced rather than written again when another collection receives it.
     */
    private static void existing(Connection c, Map<String, Long> idHashes, Map<Integer, Set<Key>> found, Map<Integer, Map<String, Long>> latest,
                                 Map<Integer, Map<String, List<Long>>> latestPositions, Map<Hash, Long> storedBodies) throws SQLException {
        List<Long> hashes = new ArrayList<>(new HashSet<>(idHashes.values()));
        for (int from = 0; from < hashes.size(); from += CHUNK) {
            List<Long> chunk = hashes.subList(from, Math.min(hashes.size(), from + CHUNK));
            try (PreparedStatement p = c.prepareStatement("SELECT b.object_id, b.version, b.content_no, b.hash_hi, b.hash_lo, m.position, m.latest "
                    + "FROM taxii_content b LEFT JOIN taxii_membership m ON m.content_no = b.content_no WHERE b.id_hash IN (" + marks(chunk.size()) + ")")) {
                int k = 1;
                for (Long h : chunk) {
                    p.setLong(k++, h);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (!idHashes.containsKey(id)) {
                            continue; // another id with the same hash
                        }
                        storedBodies.put(new Hash(rs.getLong(4), rs.getLong(5), null), rs.getLong(3));
                        long position = rs.getLong(6);
                        if (rs.wasNull()) {
                            continue; // a body no collection holds (yet)
                        }
                        int collectionNo = (int) (position >>> ContentKeys.SEQ_BITS);
                        Set<Key> versions = found.get(collectionNo);
                        if (versions != null) { // one of this batch's collections
                            long version = rs.getLong(2);
                            versions.add(new Key(id, version));
                            latest.get(collectionNo).merge(id, version, Math::max);
                            if (rs.getBoolean(7)) {
                                latestPositions.get(collectionNo).computeIfAbsent(id, x -> new ArrayList<>(1)).add(position);
                            }
                        }
                    }
                }
            }
        }
    }

    static String marks(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }
}

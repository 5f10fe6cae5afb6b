package io.ctiflow.taxii.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores the objects of one envelope in one transaction. The collection's clock row is locked first
 * (SELECT ... FOR UPDATE), so writers to a collection take turns even across server instances on one
 * PostgreSQL: date_added and seq then grow in commit order, and a reader paging by seq can never
 * see a later seq commit before an earlier one (which would make it skip objects).
 */
final class ObjectIngest {

    private static final int ID_CHUNK = 500;

    private ObjectIngest() {
    }

    static AddResult add(Connection c, String collectionId, List<NewObject> objects) throws SQLException {
        return addAll(c, Map.of(collectionId, objects)).get(collectionId);
    }

    /**
     * Stores several collections' objects in one transaction (a fan-out of one batch to every destination's
     * collection). Clocks are locked in collection-id order, so two such writers cannot deadlock.
     */
    static Map<String, AddResult> addAll(Connection c, Map<String, List<NewObject>> byCollection) throws SQLException {
        c.setAutoCommit(false);
        try {
            Map<String, AddResult> results = new java.util.TreeMap<>();
            for (Map.Entry<String, List<NewObject>> e : new java.util.TreeMap<>(byCollection).entrySet()) {
                results.put(e.getKey(), addUncommitted(c, e.getKey(), e.getValue()));
            }
            c.commit();
            return results;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static AddResult addUncommitted(Connection c, String collectionId, List<NewObject> objects) throws SQLException {
        long[] clock = lockClock(c, collectionId);
        // all objects of one envelope share a date_added; seq orders them and breaks the tie
        long dateAdded = Math.max(TaxiiTime.nowMicros(), clock[0] + 1);
        Map<String, NewObject> unique = new LinkedHashMap<>();
        for (NewObject o : objects) {
            unique.putIfAbsent(key(o.id(), o.version()), o);
        }
        Map<String, Long> latest = new HashMap<>(); // id -> highest version stored already
        Set<String> existing = existing(c, collectionId, unique.values(), latest);
        List<NewObject> fresh = new ArrayList<>();
        Map<String, Long> newLatest = new HashMap<>(); // id -> highest version after this envelope
        for (NewObject o : unique.values()) {
            if (!existing.contains(key(o.id(), o.version()))) { // a stored version is a success without a new row
                fresh.add(o);
                newLatest.merge(o.id(), o.version(), Math::max);
            }
        }
        newLatest.entrySet().removeIf(e -> latest.containsKey(e.getKey()) && latest.get(e.getKey()) > e.getValue());
        demote(c, collectionId, newLatest.keySet(), latest);
        long seq = clock[1];
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO taxii_object (collection_id, object_id, version, seq, date_added, "
                + "object_type, spec_version, latest, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (NewObject o : fresh) {
                insert.setString(1, collectionId);
                insert.setString(2, o.id());
                insert.setLong(3, o.version());
                insert.setLong(4, ++seq);
                insert.setLong(5, dateAdded);
                insert.setString(6, o.type());
                insert.setString(7, o.specVersion());
                Long top = newLatest.get(o.id());
                insert.setBoolean(8, top != null && top == o.version());
                insert.setBytes(9, o.json());
                insert.addBatch();
            }
            if (!fresh.isEmpty()) {
                insert.executeBatch();
            }
        }
        int stored = fresh.size();
        if (stored > 0) {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE taxii_collection_state SET last_date_added = ?, last_seq = ? WHERE collection_id = ?")) {
                update.setLong(1, dateAdded);
                update.setLong(2, seq);
                update.setString(3, collectionId);
                update.executeUpdate();
            }
        }
        return new AddResult(dateAdded, objects, stored);
    }

    /** Creates the collection's clock row unless it exists (at server start, before any writer). */
    static void ensureCollection(Connection c, String collectionId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM taxii_collection_state WHERE collection_id = ?")) {
            p.setString(1, collectionId);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO taxii_collection_state (collection_id, last_date_added, last_seq) VALUES (?, 0, 0)")) {
            p.setString(1, collectionId);
            p.executeUpdate();
        } catch (SQLException e) {
            // another instance on the same PostgreSQL may have registered it a moment ago
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM taxii_collection_state WHERE collection_id = ?")) {
                p.setString(1, collectionId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw e;
                    }
                }
            }
        }
    }

    private static long[] lockClock(Connection c, String collectionId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT last_date_added, last_seq FROM taxii_collection_state WHERE collection_id = ? FOR UPDATE")) {
            p.setString(1, collectionId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("unknown collection " + collectionId + " (not registered at start)");
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** Clears the latest flag of ids whose new version is higher than every stored one. */
    private static void demote(Connection c, String collectionId, Set<String> ids, Map<String, Long> stored) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE taxii_object SET latest = FALSE WHERE object_id = ? AND collection_id = ? AND latest = TRUE")) {
            int n = 0;
            for (String id : ids) {
                if (stored.containsKey(id)) {
                    p.setString(1, id);
                    p.setString(2, collectionId);
                    p.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                p.executeBatch();
            }
        }
    }

    /** Marks the highest remaining version of an object as latest (after a delete). */
    static void promote(Connection c, String collectionId, String objectId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE taxii_object SET latest = TRUE WHERE object_id = ? AND collection_id = ? AND version = "
                + "(SELECT MAX(v.version) FROM taxii_object v WHERE v.object_id = ? AND v.collection_id = ?)")) {
            p.setString(1, objectId);
            p.setString(2, collectionId);
            p.setString(3, objectId);
            p.setString(4, collectionId);
            p.executeUpdate();
        }
    }

    private static Set<String> existing(Connection c, String collectionId, Iterable<NewObject> objects, Map<String, Long> latest) throws SQLException {
        List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(idsOf(objects)));
        Set<String> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement p = c.prepareStatement("SELECT object_id, version FROM taxii_object WHERE collection_id = ? AND object_id IN ("
                    + marks + ")")) {
                p.setString(1, collectionId);
                for (int i = 0; i < chunk.size(); i++) {
                    p.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        found.add(key(rs.getString(1), rs.getLong(2)));
                        latest.merge(rs.getString(1), rs.getLong(2), Math::max);
                    }
                }
            }
        }
        return found;
    }

    private static List<String> idsOf(Iterable<NewObject> objects) {
        List<String> ids = new ArrayList<>();
        objects.forEach(o -> ids.add(o.id()));
        return ids;
    }

    private static String key(String id, long version) {
        return id + '|' + version;
    }
}

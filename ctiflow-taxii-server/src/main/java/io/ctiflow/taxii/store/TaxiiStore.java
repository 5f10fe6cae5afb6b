package io.ctiflow.taxii.store;

import com.zaxxer.hikari.HikariDataSource;
import io.ctiflow.db.ConnectionPools;
import io.ctiflow.db.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
/**
 * The TAXII server's JDBC store: objects versioned by (collection, id, version) and status resources,
 * on H2 (embedded file) or PostgreSQL through a small HikariCP pool. The schema is migrated on
 * {@link #open}. Thread-safe.
 */
public final class TaxiiStore implements AutoCloseable {

    private final HikariDataSource pool;
    private final Dialect dialect;
    /** collection id -> collection_no; a number never changes once given (collections are never removed) */
    private final ConcurrentHashMap<String, Integer> numbers = new ConcurrentHashMap<>();

    private TaxiiStore(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** Every migration script in order; add a new version at the end, never edit an applied one. */
    static final List<String> SCRIPTS = List.of("V1__objects_and_status.sql", "V2__status_owner.sql", "V3__shared_content.sql",
            "V4__id_index_per_body.sql");

    public static TaxiiStore open(StoreSettings settings) {
        try {
            return new TaxiiStore(ConnectionPools.open("taxii", settings.url(), settings.user(), settings.password(),
                    settings.poolSize(), SCRIPTS, config -> {
                        if (settings.dialect() == Dialect.POSTGRESQL) {
                            config.addDataSourceProperty("reWriteBatchedInserts", "true"); // one multi-row INSERT per batch
                        } else {
                            config.setConnectionInitSql("SET LOCK_TIMEOUT 10000"); // writers wait for the collection lock
                        }
                    }), settings.dialect());
        } catch (IllegalStateException e) {
            throw new TaxiiStoreException(e.getMessage().replace("taxii store", "TAXII store"), e);
        }
    }

    /** Registers a collection (idempotent); writes to unregistered collections fail. */
    public void ensureCollection(String collectionId) {
        run(c -> {
            ObjectIngest.ensureCollection(c, collectionId);
            return null;
        });
    }

    public AddResult add(String collectionId, List<NewObject> objects) {
        return run(c -> ObjectIngest.add(c, dialect, collectionId, objects));
    }

    /**
     * Several collections' objects in one transaction: all stored, or none. A body shared by several collections
     * is written once.
     */
    public Map<String, AddResult> addAll(Map<String, List<NewObject>> byCollection) {
        return run(c -> ObjectIngest.addAll(c, dialect, byCollection));
    }

    public Page page(String collectionId, ObjectQuery query, boolean withBody) {
        return run(c -> {
            int no = collectionNo(c, collectionId);
            return no < 0 ? new Page(List.of(), false) : ObjectReader.page(c, no, query, withBody);
        });
    }

    /** The collection's number, or -1 when it is not registered. */
    private int collectionNo(Connection c, String collectionId) throws SQLException {
        Integer known = numbers.get(collectionId);
        if (known != null) {
            return known;
        }
        try (var p = c.prepareStatement("SELECT collection_no FROM taxii_collection_state WHERE collection_id = ?")) {
            p.setString(1, collectionId);
            try (var rs = p.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                numbers.put(collectionId, rs.getInt(1));
                return rs.getInt(1);
            }
        }
    }

    /**
     * Deletes the versions of one object that the query's version and spec_version filters match; returns how many.
     * Only this collection's memberships go; a body no collection references any more is removed afterwards
     * (bodies shared with other collections stay for them).
     */
    public int delete(String collectionId, String objectId, VersionMatch versions, List<String> specVersions) {
        List<Long> bodies = new ArrayList<>();
        int deleted = run(c -> {
            c.setAutoCommit(false);
            try {
                long[] clock = ObjectIngest.lockClock(c, collectionId); // writers to this collection wait: latest flags stay right
                if (clock == null) {
                    c.rollback();
                    return 0;
                }
                int no = (int) clock[2];
                Page matching = ObjectReader.page(c, no,
                        new ObjectQuery(List.of(objectId), List.of(), versions, specVersions, null, 100_000, 0), false);
                int n = 0;
                try (var select = c.prepareStatement("SELECT content_no FROM taxii_membership WHERE position = ?");
                     var p = c.prepareStatement("DELETE FROM taxii_membership WHERE position = ?")) {
                    for (StoredObject o : matching.objects()) {
                        select.setLong(1, ContentKeys.position(no, o.seq()));
                        try (var rs = select.executeQuery()) {
                            while (rs.next()) {
                                bodies.add(rs.getLong(1));
                            }
                        }
                        p.setLong(1, ContentKeys.position(no, o.seq()));
                        n += p.executeUpdate();
                    }
                }
                ObjectIngest.promote(c, no, objectId);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
        if (!bodies.isEmpty()) {
            run(c -> removeUnreferenced(c, bodies));
        }
        return deleted;
    }

    /**
     * Removes the bodies no membership references. Every collection's clock is locked first (in collection-id
     * order, as writers lock them): a writer holds its clocks from its body look-up to its commit, so none is half
     * way through referencing one of these bodies while they are checked and removed.
     */
    private int removeUnreferenced(Connection c, List<Long> bodies) throws SQLException {
        c.setAutoCommit(false);
        try {
            List<String> all = new ArrayList<>();
            try (var p = c.prepareStatement("SELECT collection_id FROM taxii_collection_state ORDER BY collection_id");
                 var rs = p.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
            for (String id : all) {
                ObjectIngest.lockClock(c, id);
            }
            int removed = 0;
            // the memberships' content_no index finds whether any collection still holds the body
            try (var p = c.prepareStatement("DELETE FROM taxii_content WHERE content_no = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM taxii_membership m WHERE m.content_no = ?)")) {
                for (long no : new TreeSet<>(bodies)) {
                    p.setLong(1, no);
                    p.setLong(2, no);
                    removed += p.executeUpdate();
                }
            }
            c.commit();
            return removed;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Keeps a POST's status resource; {@code owner} is the user who posted, the only one {@link #findStatus} shows it to. */
    public void saveStatus(String statusId, String apiRoot, String owner, long requestTimestamp, String json) {
        run(c -> {
            StatusStore.save(c, statusId, apiRoot, owner, requestTimestamp, json);
            return null;
        });
    }

    /** The status, when it exists and {@code caller} posted it; empty otherwise, so that others cannot tell it exists. */
    public Optional<String> findStatus(String apiRoot, String statusId, String caller) {
        return run(c -> StatusStore.find(c, apiRoot, statusId, caller));
    }

    @Override
    public void close() {
        pool.close();
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new TaxiiStoreException("TAXII store: " + e.getMessage(), e);
        }
    }
}

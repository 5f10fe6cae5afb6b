package io.ctiflow.taxii.store;

import io.ctiflow.db.ConnectionPools;
import io.ctiflow.db.Dialect;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The TAXII server's JDBC store: objects versioned by (collection, id, version) and status resources,
 * on H2 (embedded file) or PostgreSQL through a small HikariCP pool. The schema is migrated on
 * {@link #open}. Thread-safe.
 */
public final class TaxiiStore implements AutoCloseable {

    private final HikariDataSource pool;

    private TaxiiStore(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Every migration script in order; add a new version at the end, never edit an applied one. */
    static final List<String> SCRIPTS = List.of("V1__objects_and_status.sql", "V2__status_owner.sql");

    public static TaxiiStore open(StoreSettings settings) {
        try {
            return new TaxiiStore(ConnectionPools.open("taxii", settings.url(), settings.user(), settings.password(),
                    settings.poolSize(), SCRIPTS, config -> {
                        if (settings.dialect() == Dialect.POSTGRESQL) {
                            config.addDataSourceProperty("reWriteBatchedInserts", "true"); // one multi-row INSERT per batch
                        } else {
                            config.setConnectionInitSql("SET LOCK_TIMEOUT 10000"); // writers wait for the collection lock
                        }
                    }));
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
        return run(c -> ObjectIngest.add(c, collectionId, objects));
    }

    /** Several collections' objects in one transaction: all stored, or none. */
    public java.util.Map<String, AddResult> addAll(java.util.Map<String, List<NewObject>> byCollection) {
        return run(c -> ObjectIngest.addAll(c, byCollection));
    }

    public Page page(String collectionId, ObjectQuery query, boolean withBody) {
        return run(c -> ObjectReader.page(c, collectionId, query, withBody));
    }

    /** Deletes the versions of one object that the query's version and spec_version filters match; returns how many. */
    public int delete(String collectionId, String objectId, VersionMatch versions, List<String> specVersions) {
        return run(c -> {
            c.setAutoCommit(false);
            Page matching = ObjectReader.page(c, collectionId,
                    new ObjectQuery(List.of(objectId), List.of(), versions, specVersions, null, 100_000, 0), false);
            int deleted = 0;
            try (var p = c.prepareStatement("DELETE FROM taxii_object WHERE collection_id = ? AND object_id = ? AND version = ?")) {
                for (StoredObject o : matching.objects()) {
                    p.setString(1, collectionId);
                    p.setString(2, objectId);
                    p.setLong(3, o.version());
                    deleted += p.executeUpdate();
                }
            }
            ObjectIngest.promote(c, collectionId, objectId);
            c.commit();
            c.setAutoCommit(true);
            return deleted;
        });
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

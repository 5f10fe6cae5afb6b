package io.ctiflow.state;

import io.ctiflow.db.Dialect;
import io.ctiflow.stix.StixObject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
/**
 * The publish ledger in the state store's table {@code state_published}
 * ({@code db/state/<dialect>/V2__published.sql}). A look-up is one query per batch (in chunks of
 * 1,000 ids); recording a batch is one JDBC batch in one transaction.
 */
public final class JdbcPublishLedger implements PublishLedger {

    /** Ids per IN (...) query: well under the parameter limits of H2 and PostgreSQL. */
    private static final int CHUNK = 1000;

    private final StateStore store;
    private final String insert;

    public JdbcPublishLedger(StateStore store) {
        this.store = store;
        insert = Dialect.of(store.url()) == Dialect.H2
                ? "MERGE INTO state_published (destination, endpoint, object_id, modified, published_at) KEY (destination, endpoint, object_id, modified) VALUES (?, ?, ?, ?, ?)"
                : "INSERT INTO state_published (destination, endpoint, object_id, modified, published_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    }

    @Override
    public List<StixObject> unpublished(String destination, String endpoint, List<StixObject> objects) {
        if (objects.isEmpty()) {
            return objects;
        }
        Set<String> known = new HashSet<>();
        store.run("look up what " + destination + " (" + endpoint + ") already received", connection -> {
            for (int from = 0; from < objects.size(); from += CHUNK) {
                List<StixObject> chunk = objects.subList(from, Math.min(objects.size(), from + CHUNK));
                String sql = "SELECT object_id, modified FROM state_published WHERE destination = ? AND endpoint = ? AND object_id IN ("
                        + "?, ".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement p = connection.prepareStatement(sql)) {
                    p.setString(1, destination);
                    p.setString(2, endpoint);
                    for (int i = 0; i < chunk.size(); i++) {
                        p.setString(3 + i, chunk.get(i).id());
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            known.add(key(rs.getString(1), rs.getString(2)));
                        }
                    }
                }
            }
            return null;
        });
        List<StixObject> out = new ArrayList<>(objects.size());
        for (StixObject o : objects) {
            if (known.add(key(o.id(), modified(o)))) { // also drops a version repeated inside the batch
                out.add(o);
            }
        }
        return out.size() == objects.size() ? objects : out;
    }

    @Override
    public void markPublished(String destination, String endpoint, List<StixObject> objects) {
        if (objects.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        // one lock order for every writer: deliveries of different inputs to one endpoint share objects (ctiflow's identity,
        // TLP definitions); inserted in bundle order, two such transactions each waited for a row the other held, until
        // the lock timeout failed one of them (seen in the demo as a delivery retried after 10 s)
        List<StixObject> inKeyOrder = new ArrayList<>(objects);
        inKeyOrder.sort(Comparator.comparing(StixObject::id).thenComparing(JdbcPublishLedger::modified));
        // H2's MERGE is not atomic between writers: two that both found a version absent both insert it, and the
        // second fails on the primary key although the version is recorded. Once the first has committed, a repeat
        // of the same transaction finds the row and succeeds.
        for (int attempt = 1; ; attempt++) {
            try {
                record(destination, endpoint, inKeyOrder, now);
                return;
            } catch (StateStoreException e) {
                if (attempt == 3 || !isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    private void record(String destination, String endpoint, List<StixObject> inKeyOrder, long now) {
        store.inTransaction("record " + inKeyOrder.size() + " object(s) as delivered to " + destination + " (" + endpoint + ")", connection -> {
            try (PreparedStatement p = connection.prepareStatement(insert)) {
                for (StixObject o : inKeyOrder) {
                    p.setString(1, destination);
                    p.setString(2, endpoint);
                    p.setString(3, o.id());
                    p.setString(4, modified(o));
                    p.setLong(5, now);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /** SQLSTATE 23505, unique violation, anywhere in the cause chain. */
    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // a batch's failure carries the statement's own in its next exception
            for (SQLException sql = t instanceof SQLException first ? first : null; sql != null; sql = sql.getNextException()) {
                if ("23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }


    private static String modified(StixObject o) {
        return o.modified() == null ? "" : o.modified();
    }

    private static String key(String id, String modified) {
        return id + '\n' + modified;
    }
}

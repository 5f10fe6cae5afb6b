package io.ctiflow.state;

import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The publish ledger in a JDBC table ({@code db/state/<dialect>/V2__published.sql}): an H2 file
 * under the work folder by default, PostgreSQL when given its URL. One connection, used under a
 * lock: deliveries are sequential per input and a look-up is one query per batch.
 */
public final class JdbcPublishLedger implements PublishLedger {

    /** Ids per IN (...) query: well under the parameter limits of H2 and PostgreSQL. */
    private static final int CHUNK = 1000;

    private final Connection connection;
    private final String insert;

    public JdbcPublishLedger(String url, String user, String password) {
        try {
            connection = DriverManager.getConnection(url, user, password);
            String dialect = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
            try (Statement s = connection.createStatement()) {
                s.execute(script("db/state/" + dialect + "/V2__published.sql"));
            }
            insert = dialect.equals("h2")
                    ? "MERGE INTO published (destination, endpoint, object_id, modified, published_at) KEY (destination, endpoint, object_id, modified) VALUES (?, ?, ?, ?, ?)"
                    : "INSERT INTO published (destination, endpoint, object_id, modified, published_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        } catch (SQLException e) {
            throw new PublishLedgerException("publish ledger " + url + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The embedded default: H2 file {@code <base>.mv.db}. */
    public static JdbcPublishLedger h2File(Path base) {
        return new JdbcPublishLedger("jdbc:h2:file:" + base.toAbsolutePath(), "sa", "");
    }

    @Override
    public synchronized List<StixObject> unpublished(String destination, String endpoint, List<StixObject> objects) {
        if (objects.isEmpty()) {
            return objects;
        }
        Set<String> known = new HashSet<>();
        try {
            for (int from = 0; from < objects.size(); from += CHUNK) {
                List<StixObject> chunk = objects.subList(from, Math.min(objects.size(), from + CHUNK));
                String sql = "SELECT object_id, modified FROM published WHERE destination = ? AND endpoint = ? AND object_id IN ("
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
        } catch (SQLException e) {
            throw new PublishLedgerException("publish ledger look-up for " + destination + " (" + endpoint + ") failed: " + e.getMessage(), e);
        }
        List<StixObject> out = new ArrayList<>(objects.size());
        for (StixObject o : objects) {
            if (known.add(key(o.id(), modified(o)))) { // also drops a version repeated inside the batch
                out.add(o);
            }
        }
        return out.size() == objects.size() ? objects : out;
    }

    @Override
    public synchronized void markPublished(String destination, String endpoint, List<StixObject> objects) {
        if (objects.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        try (PreparedStatement p = connection.prepareStatement(insert)) {
            for (StixObject o : objects) {
                p.setString(1, destination);
                p.setString(2, endpoint);
                p.setString(3, o.id());
                p.setString(4, modified(o));
                p.setLong(5, now);
                p.addBatch();
            }
            p.executeBatch();
        } catch (SQLException e) {
            throw new PublishLedgerException("publish ledger cannot record " + objects.size() + " object(s) for " + destination
                    + " (" + endpoint + "): " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new PublishLedgerException("publish ledger not closed cleanly: " + e.getMessage(), e);
        }
    }

    private static String modified(StixObject o) {
        return o.modified() == null ? "" : o.modified();
    }

    private static String key(String id, String modified) {
        return id + '\n' + modified;
    }

    private static String script(String resource) {
        try (InputStream in = JdbcPublishLedger.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return sql.toString().strip().replaceAll(";$", "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}

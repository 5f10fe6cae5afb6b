package io.ctiflow.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a store's schema up to date at start: applies the versioned scripts
 * {@code db/<store>/<dialect>/V<n>__<name>.sql} that {@code <store>_schema_version} does not list yet,
 * each in its own transaction (both H2 and PostgreSQL roll DDL back). Instances starting together on one
 * store may race: the one whose script fails waits for the other's version row instead of giving up. A dozen lines instead of
 * Flyway: one more dependency and its classpath scanning buy nothing for a handful of scripts.
 */
public final class SchemaMigrator {

    /** How long a failed script waits for another instance's migration of the same version to commit. */
    static final long CONCURRENT_MIGRATION_WAIT_MS = 30_000;

    private SchemaMigrator() {
    }

    /**
     * Returns the versions applied now (empty when the schema was current). {@code scripts} lists every
     * script of the store in order; a new version goes at the end, an applied one is never edited.
     */
    public static List<Integer> migrate(Connection c, String store, Dialect dialect, List<String> scripts) throws SQLException {
        String versions = store + "_schema_version";
        c.setAutoCommit(false);
        try {
            createVersions(c, versions);
        } catch (SQLException e) {
            // another instance created it at the same moment (IF NOT EXISTS does not cover that on PostgreSQL): it is there now
            c.rollback();
            createVersions(c, versions);
        }
        int current = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + versions)) {
            if (rs.next()) {
                current = rs.getInt(1);
            }
        }
        List<Integer> applied = new ArrayList<>();
        for (String script : scripts) {
            int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
            if (version <= current) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String sql : statements(read("db/" + store + "/" + dialect.folder + "/" + script))) {
                    s.execute(sql);
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + versions + " (version, script, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, script);
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                c.commit();
                applied.add(version);
            } catch (SQLException e) {
                c.rollback();
                if (appliedByAnother(c, versions, version)) {
                    continue;
                }
                throw new SQLException(store + " schema migration " + script + " failed: " + e.getMessage(), e);
            }
        }
        c.setAutoCommit(true);
        return applied;
    }

    private static void createVersions(Connection c, String versions) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + versions + " (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL, "
                    + "applied_at BIGINT NOT NULL)");
            c.commit();
        }
    }

    /**
     * Whether another instance starting on the same store applied {@code version} (its script failed here
     * because the other got there first): waits up to {@link #CONCURRENT_MIGRATION_WAIT_MS} for its commit.
     */
    private static boolean appliedByAnother(Connection c, String versions, int version) throws SQLException {
        long deadline = System.currentTimeMillis() + CONCURRENT_MIGRATION_WAIT_MS;
        do {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + versions + " WHERE version = ?")) {
                p.setInt(1, version);
                try (ResultSet rs = p.executeQuery()) {
                    boolean applied = rs.next() && rs.getInt(1) > 0;
                    c.commit();
                    if (applied) {
                        return true;
                    }
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.currentTimeMillis() < deadline);
        return false;
    }

    /** Splits a script at semicolons ending a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.substring(0, current.lastIndexOf(";")));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema script on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.ctiflow.state;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Keys an idempotent consumer has seen, as rows of {@code state_seen} under one repository name
 * (e.g. {@code imap}): what camel-mail remembers of fetched mails (their IMAP UIDs) survives a restart
 * and lives with the other runtime state. No size limit: a UID is a few dozen bytes.
 */
public final class JdbcIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private static final String DUPLICATE_KEY = "23505"; // SQLState of a unique violation, H2 and PostgreSQL alike

    private final StateStore store;
    private final String repository;

    public JdbcIdempotentRepository(StateStore store, String repository) {
        this.store = store;
        this.repository = repository;
    }

    @Override
    public boolean add(String key) {
        return store.run("remember " + repository + " key", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO state_seen (repository, seen_key, created_at) VALUES (?, ?, ?)")) {
                p.setString(1, repository);
                p.setString(2, key);
                p.setLong(3, System.currentTimeMillis());
                p.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (DUPLICATE_KEY.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean contains(String key) {
        return store.run("look up " + repository + " key", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM state_seen WHERE repository = ? AND seen_key = ?")) {
                p.setString(1, repository);
                p.setString(2, key);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public boolean remove(String key) {
        return store.run("forget " + repository + " key", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM state_seen WHERE repository = ? AND seen_key = ?")) {
                p.setString(1, repository);
                p.setString(2, key);
                return p.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean confirm(String key) {
        return true; // add() already stored it
    }

    @Override
    public void clear() {
        store.run("clear " + repository + " keys", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM state_seen WHERE repository = ?")) {
                p.setString(1, repository);
                return p.executeUpdate();
            }
        });
    }

    /** How many keys this repository holds. */
    public long size() {
        return store.run("count " + repository + " keys", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM state_seen WHERE repository = ?")) {
                p.setString(1, repository);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    protected void doStart() {
        // the store is opened and closed by whoever created it
    }

    @Override
    protected void doStop() {
        // as above
    }
}

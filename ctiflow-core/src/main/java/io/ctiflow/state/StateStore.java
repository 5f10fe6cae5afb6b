package io.ctiflow.state;

import com.zaxxer.hikari.HikariDataSource;
import io.ctiflow.db.ConnectionPools;
import io.ctiflow.db.Dialect;
import io.ctiflow.db.DurableJdbcUrl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * ctiflow's runtime state in one JDBC database: checkpoints of incremental sources, keys idempotent
 * consumers have seen (IMAP UIDs), conditional-GET validators of HTTP feeds and dead letters. An
 * embedded H2 file by default, PostgreSQL by configuration. Every table starts with {@code state_},
 * so one PostgreSQL database can hold it next to the TAXII store ({@code taxii_*}). The schema is
 * migrated on {@link #open} from {@code db/state/<dialect>/V<n>__*.sql}. Thread-safe.
 */
public final class StateStore implements AutoCloseable {

    /** Every migration script in order; a new version (V2__...) goes at the end, an applied one is never edited. */
    static final List<String> SCRIPTS = List.of("V1__checkpoints_seen_validators_dead_letters.sql", "V2__published.sql",
            "V3__signed_webhook_scheme.sql");

    private final HikariDataSource pool;
    private final String url;

    private StateStore(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /**
     * Opens (and migrates) the store at a JDBC URL; user and password may be empty. An H2 URL is made
     * durable first ({@link DurableJdbcUrl}): a checkpoint or dead letter written must survive a crash.
     *
     * @throws StateStoreException naming the URL (never the password) when it cannot be reached, made durable or migrated
     */
    public static StateStore open(String configuredUrl, String user, String password) {
        try {
            String url = DurableJdbcUrl.of(configuredUrl);
            HikariDataSource pool = ConnectionPools.open("state", url, user, password, 4, SCRIPTS, config -> {
                if (Dialect.of(url) == Dialect.H2) {
                    config.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
                }
            });
            return new StateStore(pool, url);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new StateStoreException(e.getMessage(), e);
        }
    }

    /**
     * The embedded default: the H2 file {@code <base>.mv.db}. WRITE_DELAY=0 writes every commit before it
     * returns (H2 otherwise waits up to 500 ms); AUTO_SERVER lets {@code ctiflow dead-letter} open the file
     * while ctiflow runs (the second process connects to the first over a local socket).
     */
    public static String h2Url(Path base) {
        return "jdbc:h2:file:" + base.toAbsolutePath().normalize() + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }

    public String url() {
        return url;
    }

    /** Work on one pooled connection (auto-commit unless the work turns it off). */
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs work on a connection. A pending interrupt is held back while it runs and restored after:
     * Camel interrupts a consumer's thread when it stops it, and the checkpoint of what was already
     * delivered must still be written (an interrupted pool wait or file channel would fail instead).
     */
    public <T> T run(String what, Work<T> work) {
        boolean interrupted = Thread.interrupted();
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StateStoreException("state store " + url + ": cannot " + what + ": " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(String what, Work<T> work) {
        return run(what, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Never prints the password (the URL of a configured store holds none: it comes from ctiflow.state.password). */
    @Override
    public String toString() {
        return "StateStore[" + url + "]";
    }
}

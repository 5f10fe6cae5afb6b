package io.ctiflow.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ctiflow.files.IntelligenceFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
/**
 * Opens a store's small HikariCP pool and brings its schema up to date, the way every ctiflow
 * JDBC store does (the TAXII server's, the runtime state). A failure closes the pool and names
 * the store and URL (never the password).
 */
public final class ConnectionPools {

    private ConnectionPools() {
    }

    /**
     * @param store   the store's name: pool name, version table {@code <store>_schema_version}, scripts under {@code db/<store>/}
     * @param scripts the store's migration scripts, in order
     * @param tuning  dialect-specific pool settings (may do nothing)
     * @throws IllegalStateException when the database cannot be reached or migrated
     */
    public static HikariDataSource open(String store, String url, String user, String password, int poolSize,
                                        List<String> scripts, Consumer<HikariConfig> tuning) {
        Dialect dialect = Dialect.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user == null ? "" : user);
        config.setPassword(password == null ? "" : password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName(store + "-store");
        config.setConnectionTimeout(10_000);
        tuning.accept(config);
        // an embedded H2 file holds intelligence: its folder is made with ctiflow.files.mode before H2 makes it
        // world-readable, and its files get the mode once they exist (the folder covers files H2 adds later)
        Optional<Path> h2File;
        try {
            h2File = IntelligenceFiles.beforeH2Open(url);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the " + store + " store " + url + ": cannot create its folder: " + e.getMessage(), e);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the " + store + " store " + url + ": " + rootMessage(e), e);
        }
        try (Connection c = pool.getConnection()) {
            SchemaMigrator.migrate(c, store, dialect, scripts);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate the " + store + " store " + url + ": " + rootMessage(e), e);
        }
        IntelligenceFiles.afterH2Open(h2File);
        return pool;
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}

package io.ctiflow.taxii.store;

import io.ctiflow.db.Dialect;

import java.nio.file.Path;
/**
 * Where the TAXII store lives: a JDBC URL ({@code jdbc:h2:file:...} embedded, or {@code jdbc:postgresql://...})
 * with its user and password. The password comes from configuration placeholders, never from files in git.
 */
public record StoreSettings(String url, String user, String password, int poolSize) {

    public StoreSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("store url is required");
        }
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store url must be jdbc:h2:... or jdbc:postgresql:..., not " + url);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        poolSize = poolSize <= 0 ? 8 : poolSize;
    }

    public StoreSettings(String url, String user, String password) {
        this(url, user, password, 0);
    }

    /**
     * The embedded default: an H2 database file {@code <base>.mv.db}, with a 64 MB page cache (H2's 16 MB default
     * makes paging re-read the file) and WRITE_DELAY=0: a commit reaches the file before the POST is answered.
     * H2 otherwise writes up to 500 ms later, so a killed process lost objects a publisher (and its publish
     * ledger) had already seen accepted.
     */
    public static StoreSettings h2File(Path base) {
        return new StoreSettings("jdbc:h2:file:" + base.toAbsolutePath() + ";CACHE_SIZE=65536;WRITE_DELAY=0", "sa", "");
    }

    /** The same store at {@code url} (e.g. made durable by {@link io.ctiflow.db.DurableJdbcUrl}). */
    public StoreSettings withUrl(String url) {
        return new StoreSettings(url, user, password, poolSize);
    }

    Dialect dialect() {
        return Dialect.of(url);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "StoreSettings[url=" + url + ", user=" + user + "]";
    }
}

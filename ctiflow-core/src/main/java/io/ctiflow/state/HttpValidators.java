package io.ctiflow.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The conditional-GET validators (ETag, Last-Modified) of polled HTTP feeds, in
 * {@code state_http_validator}, so a restart asks "changed since?" instead of fetching a whole
 * unchanged feed again. Keyed by the SHA-256 of the URL: a feed URL may carry an API key.
 */
public final class HttpValidators {

    /** What the last full answer of a URL said; either may be null. */
    public record Validators(String etag, String lastModified) {
    }

    private final StateStore store;

    public HttpValidators(StateStore store) {
        this.store = store;
    }

    public Optional<Validators> load(String url) {
        return store.run("read HTTP validators", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT etag, last_modified FROM state_http_validator WHERE url_hash = ?")) {
                p.setString(1, hash(url));
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Validators(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    public void save(String url, Validators validators) {
        String key = hash(url);
        long now = System.currentTimeMillis();
        store.inTransaction("write HTTP validators", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE state_http_validator SET etag = ?, last_modified = ?, updated_at = ? WHERE url_hash = ?")) {
                update.setString(1, validators.etag());
                update.setString(2, validators.lastModified());
                update.setLong(3, now);
                update.setString(4, key);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO state_http_validator (url_hash, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, validators.etag());
                insert.setString(3, validators.lastModified());
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    static String hash(String url) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JRE has SHA-256
        }
    }
}

package io.ctiflow.taxii.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Status resources, persisted as their JSON so a client can read them after a restart; each is its poster's alone. */
final class StatusStore {

    private StatusStore() {
    }

    static void save(Connection c, String statusId, String apiRoot, String owner, long requestTimestamp, String json) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO taxii_status (status_id, api_root, owner, request_timestamp, body) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, statusId);
            p.setString(2, apiRoot);
            p.setString(3, owner);
            p.setLong(4, requestTimestamp);
            p.setString(5, json);
            p.executeUpdate();
        }
    }

    /** Empty unless the status exists in the API root and {@code owner} posted it (no owner: empty for everyone). */
    static Optional<String> find(Connection c, String apiRoot, String statusId, String owner) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT body FROM taxii_status WHERE status_id = ? AND api_root = ? AND owner = ?")) {
            p.setString(1, statusId);
            p.setString(2, apiRoot);
            p.setString(3, owner);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}

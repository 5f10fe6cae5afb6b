package io.ctiflow.taxii.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Status resources, persisted as their JSON so a client can read them after a restart. */
final class StatusStore {

    private StatusStore() {
    }

    static void save(Connection c, String statusId, String apiRoot, long requestTimestamp, String json) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO taxii_status (status_id, api_root, request_timestamp, body) VALUES (?, ?, ?, ?)")) {
            p.setString(1, statusId);
            p.setString(2, apiRoot);
            p.setLong(3, requestTimestamp);
            p.setString(4, json);
            p.executeUpdate();
        }
    }

    static Optional<String> find(Connection c, String apiRoot, String statusId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT body FROM taxii_status WHERE status_id = ? AND api_root = ?")) {
            p.setString(1, statusId);
            p.setString(2, apiRoot);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}

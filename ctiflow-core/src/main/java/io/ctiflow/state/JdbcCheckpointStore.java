package io.ctiflow.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
/**
 * Checkpoints as rows of {@code state_checkpoint} in the {@link StateStore}: one JSON object per key.
 * A save is one committed transaction, so when it returns the new value survives a crash; a value
 * that is not a JSON object is reported ({@link CheckpointException}), never replaced.
 */
public final class JdbcCheckpointStore implements CheckpointStore {

    private static final ObjectMapper JSON = Stix.strictJson();

    private final StateStore store;

    public JdbcCheckpointStore(StateStore store) {
        this.store = store;
    }

    @Override
    public Optional<ObjectNode> load(String key) {
        String text;
        try {
            text = store.run("read checkpoint " + key, c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT checkpoint FROM state_checkpoint WHERE checkpoint_key = ?")) {
                    p.setString(1, key);
                    try (ResultSet rs = p.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
        } catch (StateStoreException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
        if (text == null) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw corrupt(key, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw corrupt(key, "not a JSON object", null);
        }
        return Optional.of((ObjectNode) node);
    }

    @Override
    public void save(String key, ObjectNode checkpoint) {
        String text = checkpoint.toString();
        long now = System.currentTimeMillis();
        try {
            // update, else insert: portable across H2 and PostgreSQL; one source endpoint writes one key
            store.inTransaction("write checkpoint " + key, c -> {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE state_checkpoint SET checkpoint = ?, updated_at = ? WHERE checkpoint_key = ?")) {
                    update.setString(1, text);
                    update.setLong(2, now);
                    update.setString(3, key);
                    if (update.executeUpdate() == 1) {
                        return null;
                    }
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO state_checkpoint (checkpoint_key, checkpoint, updated_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, key);
                    insert.setString(2, text);
                    insert.setLong(3, now);
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (StateStoreException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
    }

    private CheckpointException corrupt(String key, String why, Exception cause) {
        return new CheckpointException("checkpoint " + key + " in " + store.url() + " (table state_checkpoint) is corrupt: " + why
                + "; fix or delete that row to start again from the configured 'since'", cause);
    }

    @Override
    public String toString() {
        return "JdbcCheckpointStore[" + store.url() + "]";
    }
}

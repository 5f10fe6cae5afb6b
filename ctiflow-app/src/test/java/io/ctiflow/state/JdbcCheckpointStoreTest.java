package io.ctiflow.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CheckpointStore contract on the state store, H2 and (when configured) PostgreSQL. */
class JdbcCheckpointStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode timestamp(long value) {
        return JSON.createObjectNode().put("timestamp", value);
    }

    @ParameterizedTest
    @EnumSource(StateBackend.class)
    void aSavedCheckpointSurvivesReopeningAndASaveReplacesIt(StateBackend backend) {
        String key = "misp.circl-" + UUID.randomUUID();
        try (StateStore store = backend.open(dir)) {
            JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(store);
            assertThat(checkpoints.load(key)).isEmpty();
            checkpoints.save(key, timestamp(1569281525L));
            checkpoints.save(key, timestamp(1569281526L));
        }
        try (StateStore reopened = backend.open(dir)) {
            assertThat(new JdbcCheckpointStore(reopened).load(key).map(Object::toString)).as("JSON text").contains((timestamp(1569281526L)).toString());
        }
    }

    @ParameterizedTest
    @EnumSource(StateBackend.class)
    void aCorruptCheckpointIsReportedNeverReset(StateBackend backend) {
        String key = "taxii.feed-" + UUID.randomUUID();
        try (StateStore store = backend.open(dir)) {
            JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(store);
            checkpoints.save(key, timestamp(1));
            overwrite(store, key, "{\"timestamp\": 1");
            assertThatThrownBy(() -> checkpoints.load(key)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(key).hasMessageContaining("not valid JSON").hasMessageContaining("state_checkpoint");
            overwrite(store, key, "[1, 2]");
            assertThatThrownBy(() -> checkpoints.load(key)).isInstanceOf(CheckpointException.class).hasMessageContaining("not a JSON object");
            // still there for a person to look at
            String stored = store.<String>run("read", c -> {
                try (var p = c.prepareStatement("SELECT checkpoint FROM state_checkpoint WHERE checkpoint_key = ?")) {
                    p.setString(1, key);
                    try (var rs = p.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            });
            assertThat(stored).isEqualTo("[1, 2]");
        }
    }

    @ParameterizedTest
    @EnumSource(StateBackend.class)
    void aSaveOnAnInterruptedThreadStillLandsAndKeepsTheInterrupt(StateBackend backend) {
        String key = "otx.subscribed-" + UUID.randomUUID();
        try (StateStore store = backend.open(dir)) {
            JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(store);
            Thread.currentThread().interrupt(); // what Camel does to a consumer's thread when it stops it
            try {
                checkpoints.save(key, timestamp(7));
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(checkpoints.load(key).map(Object::toString)).as("JSON text").contains((timestamp(7)).toString());
        }
    }

    @ParameterizedTest
    @EnumSource(StateBackend.class)
    void aStoreThatIsGoneFailsTheSaveLoudly(StateBackend backend) {
        StateStore store = backend.open(dir);
        JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(store);
        store.close();
        assertThatThrownBy(() -> checkpoints.save("misp.x", timestamp(1))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("cannot write checkpoint misp.x");
    }

    private static void overwrite(StateStore store, String key, String value) {
        store.run("corrupt", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE state_checkpoint SET checkpoint = ? WHERE checkpoint_key = ?")) {
                p.setString(1, value);
                p.setString(2, key);
                return p.executeUpdate();
            }
        });
    }
}

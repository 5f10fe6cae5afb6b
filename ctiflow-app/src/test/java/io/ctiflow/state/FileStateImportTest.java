package io.ctiflow.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upgrade step: checkpoint files and imap-uids.dat of earlier versions go into the state store once. */
class FileStateImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void checkpointFilesAreImportedOnceAndNeverOverwriteNewerState() {
        Path state = dir.resolve("state");
        FileCheckpointStore files = new FileCheckpointStore(state);
        files.save("misp.circl", JSON.createObjectNode().put("timestamp", 1569281525L));
        files.save("taxii.feed", JSON.createObjectNode().put("added_after", "2026-11-01T00:00:00.000Z"));
        try (StateStore store = StateBackend.H2.open(dir)) {
            JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(store);
            assertThat(FileStateImport.checkpoints(state, checkpoints)).containsExactly("misp.circl", "taxii.feed");
            assertThat(checkpoints.load("misp.circl").map(Object::toString)).as("JSON text").contains((JSON.createObjectNode().put("timestamp", 1569281525L)).toString());

            // the source moves on in the store; the old file is still there and must not win
            ObjectNode newer = JSON.createObjectNode().put("timestamp", 1700000000L);
            checkpoints.save("misp.circl", newer);
            assertThat(FileStateImport.checkpoints(state, checkpoints)).isEmpty();
            assertThat(checkpoints.load("misp.circl").map(Object::toString)).as("JSON text").contains((newer).toString());
        }
        assertThat(state.resolve("misp.circl.json")).exists();
    }

    @Test
    void aCorruptCheckpointFileStopsTheImportWithItsName() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve("misp.broken.json"), "{\"timestamp\":");
        try (StateStore store = StateBackend.H2.open(dir)) {
            JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(store);
            assertThatThrownBy(() -> FileStateImport.checkpoints(state, checkpoints)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("misp.broken.json").hasMessageContaining("corrupt");
            assertThat(checkpoints.load("misp.broken")).isEmpty();
        }
    }

    @Test
    void imapUidsOfTheFileRepositoryAreImportedIntoAnEmptyRepositoryOnly() throws Exception {
        Path uids = Files.createDirectories(dir.resolve("state")).resolve("imap-uids.dat");
        Files.writeString(uids, "INBOX:1700000000:1\nINBOX:1700000000:2\n\n");
        try (StateStore store = StateBackend.H2.open(dir)) {
            JdbcIdempotentRepository seen = new JdbcIdempotentRepository(store, "imap");
            assertThat(FileStateImport.seenKeys(uids, seen)).isEqualTo(2);
            assertThat(seen.contains("INBOX:1700000000:2")).isTrue();
            seen.remove("INBOX:1700000000:2");
            assertThat(FileStateImport.seenKeys(uids, seen)).as("not again once the store has keys").isZero();
            assertThat(seen.contains("INBOX:1700000000:2")).isFalse();
        }
    }
}

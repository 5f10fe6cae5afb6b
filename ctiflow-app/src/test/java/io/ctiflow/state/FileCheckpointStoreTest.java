package io.ctiflow.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileCheckpointStoreTest {

    @TempDir
    Path dir;

    private static ObjectNode timestamp(long value) {
        return JsonNodeFactory.instance.objectNode().put("timestamp", value);
    }

    @Test
    void aSavedCheckpointIsReadBackByAnotherStoreOnTheSameFolder() {
        new FileCheckpointStore(dir.resolve("state")).save("misp.circl", timestamp(1569281525L));

        FileCheckpointStore reopened = new FileCheckpointStore(dir.resolve("state"));
        assertThat(reopened.load("misp.circl")).hasValueSatisfying(node ->
                assertThat(node.get("timestamp").asLong()).isEqualTo(1569281525L));
        assertThat(reopened.load("misp.other")).isEmpty();
    }

    @Test
    void aSaveOnAnInterruptedThreadStillLands() {
        // Camel interrupts a consumer's poll thread when it stops the consumer, possibly right after a delivery
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("state"));
        Thread.currentThread().interrupt();
        try {
            store.save("taxii.feed", timestamp(42));
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(store.load("taxii.feed")).hasValueSatisfying(node -> assertThat(node.get("timestamp").asLong()).isEqualTo(42));
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        store.save("misp-feed.chrome", timestamp(1));
        store.save("misp-feed.chrome", timestamp(2));

        assertThat(store.load("misp-feed.chrome").orElseThrow().get("timestamp").asLong()).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("misp-feed.chrome.json");
        }
    }

    @Test
    void aCorruptFileIsAClearErrorAndIsNotReset() throws Exception {
        Path file = dir.resolve("misp.circl.json");
        Files.writeString(file, "{\"timestamp\": 15692");
        FileCheckpointStore store = new FileCheckpointStore(dir);

        assertThatThrownBy(() -> store.load("misp.circl")).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("checkpoint " + file + " is corrupt: not valid JSON")
                .hasMessageEndingWith("fix or delete the file to start again from the configured 'since'");
        assertThat(file).hasContent("{\"timestamp\": 15692");

        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> store.load("misp.circl")).hasMessageContaining("is corrupt: not a JSON object");
        Files.writeString(file, "");
        assertThatThrownBy(() -> store.load("misp.circl")).hasMessageContaining("is corrupt");
    }

    @Test
    void keysCannotLeaveTheFolder() {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        assertThatThrownBy(() -> store.save("../escape", timestamp(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid checkpoint key '../escape'");
        assertThatThrownBy(() -> store.load("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnwritableFolderIsAClearError() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        FileCheckpointStore store = new FileCheckpointStore(notAFolder);
        assertThatThrownBy(() -> store.save("misp.circl", timestamp(1))).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("cannot write checkpoint " + notAFolder.resolve("misp.circl.json"));
    }
}

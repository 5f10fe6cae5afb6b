package io.ctiflow.app;

import io.ctiflow.app.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ctiflow.app.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Hostile files handed to the command line: a clear error naming file, position and reason, a non-zero exit, nothing read that should not be. */
class HostileCliInputTest {

    @TempDir
    Path tmp;

    @Test
    void aMispFeedManifestCannotNameFilesOutsideTheFeedFolder() throws IOException {
        // a secret JSON file beside the feed folder, and one by absolute path: the manifest names both
        Path secret = tmp.resolve("secret.json");
        Files.writeString(secret, "{\"Event\": {\"uuid\": \"5f0c3a7e-1111-4c1c-9d5c-000000000001\", \"info\": \"not yours\", \"Attribute\": []}}");
        Path feed = Files.createDirectories(tmp.resolve("feed"));
        Files.writeString(feed.resolve("manifest.json"), "{\"../secret\": {\"timestamp\": \"1700000000\"}, \""
                + secret.toString().replace(".json", "") + "\": {\"timestamp\": \"1700000000\"}}");
        Path out = tmp.resolve("out.json");

        Run run = run("convert", "--format", "misp", feed.toString(), "-o", out.toString());

        assertThat(run.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(run.err()).contains("ctiflow: error: invalid MISP feed manifest " + feed.resolve("manifest.json"))
                .contains("key '../secret' is not an event uuid");
        assertThat(run.err()).doesNotContain("not yours");
        assertThat(out).doesNotExist();
    }

    /** 100,000 nested arrays: Jackson stops at its nesting limit; the user sees where and why. */
    private Path deeplyNested() throws IOException {
        Path deep = tmp.resolve("deep.json");
        try (Writer w = Files.newBufferedWriter(deep)) {
            w.write("{\"type\": \"bundle\", \"objects\": [{\"type\": \"note\", \"id\": \"note--0b7f1b4e-8d1c-4a59-8a4b-6b1a4d2f1c11\", \"x\":\n");
            for (int i = 0; i < 100_000; i++) {
                w.write('[');
            }
            for (int i = 0; i < 100_000; i++) {
                w.write(']');
            }
            w.write("}]}\n");
        }
        return deep;
    }

    @Test
    void validateNamesFilePositionAndReasonOfADeeplyNestedDocument() throws IOException {
        Path deep = deeplyNested();
        Run run = run("validate", deep.toString());
        assertThat(run.code()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(run.out() + run.err()).containsPattern(java.util.regex.Pattern.quote(deep.toString()) + ": line 2, column \\d+: not valid JSON: .*nesting depth").doesNotContain("NullPointer").doesNotContain("Cannot invoke");
    }

    @ParameterizedTest
    @ValueSource(strings = {"filter", "explain", "convert"})
    void everyStixReadingCommandFailsOnADeeplyNestedDocument(String command) throws IOException {
        Path deep = deeplyNested();
        Path out = tmp.resolve("out.json");
        Run run = command.equals("filter") ? run("filter", "-d", "cert-eu", "--audit-dir", tmp.resolve("audit").toString(), deep.toString(), "-o", out.toString())
                : command.equals("explain") ? run("explain", deep.toString())
                : run("convert", deep.toString(), "-o", out.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(run.err()).startsWith("ctiflow: error: " + deep + ": line 2, column ").contains(": not valid JSON: ")
                .contains("nesting depth").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[1, 2]]", "[{\"type\": \"indicator\", \"id\": \"indicator--0b7f1b4e-8d1c-4a59-8a4b-6b1a4d2f1c11\"}, 42]",
            "{\"type\": \"bundle\", \"objects\": []} trailing", "{\"type\": \"bundle\", \"objects\": [{\"id\": "})
    void filterRefusesGarbageInsteadOfWritingAnEmptyBundle(String text) throws IOException {
        Path junk = tmp.resolve("junk.json");
        Files.writeString(junk, text);
        Path out = tmp.resolve("out.json");
        Run run = run("filter", "-d", "cert-eu", "--audit-dir", tmp.resolve("audit").toString(), junk.toString(), "-o", out.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(run.err()).startsWith("ctiflow: error: " + junk + ": line 1, column ").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void convertRemovesTheStaleTemporaryFileOfAKilledRunOnly() throws IOException {
        Path out = tmp.resolve("feodo.json");
        Path stale = Files.writeString(tmp.resolve(".feodo.json8127364501.tmp"), "{\"type\": \"bundle\", \"objects\": [");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
        Path writing = Files.writeString(tmp.resolve(".feodo.json5550001.tmp"), "{\"type\": \"bundle\", \"objects\": [");
        Path other = Files.writeString(tmp.resolve(".notes.tmp"), "mine");
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2))));

        Run run = run("convert", "-m", "feodotracker", "src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv", "-o", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(stale).as("left by a killed run").doesNotExist();
        assertThat(writing).as("possibly another convert still writing").exists();
        assertThat(other).as("not ctiflow's").exists();
        assertThat(out).exists();
    }
}

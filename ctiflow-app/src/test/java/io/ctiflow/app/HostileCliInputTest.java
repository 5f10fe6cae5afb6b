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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

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
        assertThat(run.out() + run.err()).containsPattern(Pattern.quote(deep.toString()) + ": line 2, column \\d+: not valid JSON: .*nesting depth").doesNotContain("NullPointer").doesNotContain("Cannot invoke");
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
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path writing = Files.writeString(tmp.resolve(".feodo.json5550001.tmp"), "{\"type\": \"bundle\", \"objects\": [");
        Path other = Files.writeString(tmp.resolve(".notes.tmp"), "mine");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        Run run = run("convert", "-m", "feodotracker", "ctiflow-app/src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv", "-o", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(stale).as("left by a killed run").doesNotExist();
        assertThat(writing).as("possibly another convert still writing").exists();
        assertThat(other).as("not ctiflow's").exists();
        assertThat(out).exists();
    }

    /** A real URLhaus indicator (TLP:CLEAR) whose marking list is named twice: RED, then CLEAR. */
    private Path markedTwice() throws IOException {
        Path bundle = tmp.resolve("twice.json");
        Files.writeString(bundle, """
                {"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--f9ca3f85-6c85-5275-abc9-d1466abdaf62",
                  "created": "2026-11-23T11:51:00.000Z", "modified": "2026-11-23T11:51:00.000Z",
                  "pattern": "[url:value = 'http://cdn-update.example.org/svchost.exe']", "pattern_type": "stix",
                  "valid_from": "2026-11-23T11:51:00.000Z",
                  "object_marking_refs": ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"],
                  "object_marking_refs": ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]}]}
                """);
        return bundle;
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "filter", "explain"})
    void aPropertyNamedTwiceIsAnErrorNotTheLastValue(String command) throws IOException {
        Path twice = markedTwice();
        Path out = tmp.resolve("out.json");
        Run run = command.equals("filter")
                ? run("filter", "-d", "feed-vendor", "--source", "urlhaus", "--audit-dir", tmp.resolve("audit").toString(), twice.toString(), "-o", out.toString())
                : run(command, twice.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(run.out() + run.err()).contains(twice.toString()).contains("line 7").contains("Duplicate field 'object_marking_refs'");
        assertThat(out).doesNotExist();
    }

    @Test
    void validateAndFilterAgreeThatAForgedTlpDefinitionIsInvalid() throws IOException {
        Path forged = tmp.resolve("forged.json");
        Files.writeString(forged, """
                {"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [
                 {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
                  "created": "2022-10-01T00:00:00.000Z", "name": "TLP:RED",
                  "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {"extension_type": "property-extension", "tlp_2_0": "red"}}},
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--f9ca3f85-6c85-5275-abc9-d1466abdaf62",
                  "created": "2026-11-23T11:51:00.000Z", "modified": "2026-11-23T11:51:00.000Z",
                  "pattern": "[url:value = 'http://cdn-update.example.org/svchost.exe']", "pattern_type": "stix",
                  "valid_from": "2026-11-23T11:51:00.000Z",
                  "object_marking_refs": ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]}]}
                """);
        Run validate = run("validate", forged.toString());
        assertThat(validate.code()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(validate.out() + validate.err()).contains("reuses the standard TLP:CLEAR id but defines TLP:RED");
        Path out = tmp.resolve("shared.json");
        Run filter = run("filter", "-d", "feed-vendor", "--source", "urlhaus", "--audit-dir", tmp.resolve("audit").toString(), forged.toString(), "-o", out.toString());
        String shared = Files.exists(out) ? Files.readString(out) : "";
        assertThat(shared).as(filter.out() + filter.err()).doesNotContain("indicator--f9ca3f85").doesNotContain("\"tlp_2_0\": \"red\"");
        String audit = Files.readString(tmp.resolve("audit/decisions.jsonl"));
        assertThat(audit).contains("\"rule\":\"invalid\"").contains("TLP:RED never leaves");
        Run explain = run("explain", "-d", "feed-vendor", "--source", "urlhaus", forged.toString());
        assertThat(explain.out()).contains("invalid").contains("TLP:RED");
    }
}

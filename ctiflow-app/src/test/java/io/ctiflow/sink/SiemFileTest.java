package io.ctiflow.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.sink.SiemSyslogTest.indicators;
import static io.ctiflow.sink.SiemSyslogTest.json;
import static org.assertj.core.api.Assertions.assertThat;

class SiemFileTest {

    @TempDir
    Path dir;

    private SiemWriter writer(Path file) {
        SiemConfiguration c = new SiemConfiguration();
        c.setTransport("file");
        c.setFile(file.toString());
        return new SiemWriter(c);
    }

    @Test
    void linesAreAppendedBatchAfterBatchToAFileWhoseFoldersAreCreated() throws Exception {
        Path file = dir.resolve("siem/out/indicators.jsonl");
        List<StixObject> objects = SinkTestData.feodo();
        int expected = indicators(objects).size();
        try (SiemWriter writer = writer(file)) {
            assertThat(writer.send(objects, "soc").lines()).isEqualTo(expected);
            assertThat(Files.readAllLines(file)).as("flushed with the batch").hasSize(expected);
            writer.send(objects.subList(0, objects.size() / 2), "soc");
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.size()).isGreaterThan(expected);
        assertThat(lines).allSatisfy(line -> {
            JsonNode event = json(line);
            assertThat(event.path("type").asText()).isEqualTo("ipv4");
            assertThat(event.path("classification").asText()).isEqualTo("c2-server");
            assertThat(event.path("id").asText()).startsWith("indicator--");
        });
    }

    @Test
    void withoutProvenanceTheIndicatorTypesClassifyAndTheStrictestTlpWins() throws Exception {
        Path file = dir.resolve("one.jsonl");
        StixObject indicator = StixObject.of((ObjectNode) Stix.mapper().readTree("""
                {"type":"indicator","spec_version":"2.1","id":"indicator--4d3f1c7e-9a61-4e5b-8a0c-2f4e6b8d0a12",
                 "created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Zürich phish",
                 "indicator_types":["malicious-activity","attribution"],"pattern_type":"stix",
                 "pattern":"[url:value = 'http://phish.example/a'] OR [domain-name:value = 'phish.example']",
                 "valid_from":"2024-01-01T00:00:00Z","valid_until":"2024-02-01T00:00:00Z",
                 "object_marking_refs":["%s","%s"]}""".formatted(Tlp.GREEN.markingId(), Tlp.AMBER.markingId())));
        try (SiemWriter writer = writer(file)) {
            writer.send(List.of(indicator), null);
        }

        String line = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(line).as("one ASCII line").endsWith("\n").doesNotContain("ü").contains("Z\\u00FCrich");
        JsonNode event = json(line);
        assertThat(event.path("value").asText()).isEqualTo("http://phish.example/a");
        assertThat(event.path("type").asText()).isEqualTo("url");
        assertThat(event.path("pattern").asText()).startsWith("[url:value");
        assertThat(event.path("classification").asText()).isEqualTo("malicious-activity,attribution");
        assertThat(event.path("tlp").asText()).isEqualTo("amber");
        assertThat(event.path("valid_until").asText()).isEqualTo("2024-02-01T00:00:00Z");
        assertThat(event.path("name").asText()).isEqualTo("Zürich phish");
        assertThat(event.has("confidence")).isFalse();
        assertThat(event.has("destination")).isFalse();
    }
}

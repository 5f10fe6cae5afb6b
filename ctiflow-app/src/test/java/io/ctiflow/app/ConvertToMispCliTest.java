package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CliTest.Run;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ctiflow.app.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ctiflow convert --to misp}: any input, through STIX, to one MISP event as /events/add takes it. */
class ConvertToMispCliTest {

    private static final Path MISP = Path.of("ctiflow-app/src/test/resources/data/misp");

    @TempDir
    Path tmp;

    @Test
    void aMispEventComesBackWithItsAttributesAndObjects() throws IOException {
        Path sample = MISP.resolve("circl-osint-sednit-2017-objects-galaxies.json");
        Path out = tmp.resolve("sednit.misp.json");

        Run run = run("convert", "--to", "misp", "-f", "misp", sample.toString(), "-o", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("MISP event", "written to " + out);
        JsonNode original = Stix.mapper().readTree(sample.toFile()); // an event without the Event wrapper
        JsonNode event = Stix.mapper().readTree(out.toFile()).path("Event");
        assertThat(event.path("info").asText()).isEqualTo(original.path("info").asText());
        assertThat(event.path("distribution").asText()).isEqualTo("0");
        assertThat(event.path("published").asBoolean()).isFalse();
        assertThat(values(event.path("Attribute"))).containsExactlyInAnyOrderElementsOf(values(original.path("Attribute")));
        assertThat(objectValues(event)).containsAll(objectValues(original));
        // a file object keeps its name and hash together, not as loose attributes
        assertThat(event.path("Object")).anySatisfy(o -> {
            assertThat(o.path("name").asText()).isEqualTo("file");
            assertThat(relations(o.path("Attribute"))).contains("filename=Bulletin.doc", "sha1=68064fc152e23d56e541714af52651cb4ba81aaf");
        });
    }

    @Test
    void aStixBundleBecomesOneEventWithTheGivenSharing() throws IOException {
        Path out = tmp.resolve("bundle.misp.json");

        Run run = run("convert", "--to", "misp", "--misp-distribution", "4", "--misp-sharing-group", "7", "--misp-threat-level", "2",
                "--pretty", MISP.resolve("test_events_collection_stix21.json").toString(), "-o", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        String text = Files.readString(out);
        assertThat(text).startsWith("{\n  \"Event\"");
        JsonNode event = Stix.mapper().readTree(text).path("Event");
        assertThat(event.path("info").asText()).isEqualTo("MISP-STIX-Converter test event with AS attribute");
        assertThat(event.path("distribution").asText()).isEqualTo("4");
        assertThat(event.path("sharing_group_id").asText()).isEqualTo("7");
        assertThat(event.path("threat_level_id").asText()).isEqualTo("2");
        assertThat(values(event.path("Attribute"))).contains("174", "circl.lu", "circl.lu|149.13.33.14", "test_file_name");
    }

    @Test
    void invalidStixExitsOneNamingTheFileAndWritesNothing() throws IOException {
        Path invalid = Path.of("ctiflow-app/src/test/resources/stix/invalid/missing-required.json");
        Path out = tmp.resolve("never.json");

        Run run = run("convert", "--to", "misp", invalid.toString(), "-o", out.toString());

        assertThat(run.code()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(run.err()).contains(invalid + ": indicator--", "pattern: required property is missing", invalid + ": not valid STIX 2.1");
        assertThat(out).doesNotExist();

        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"type\": \"bundle\", \"objects\": [");
        Run notJson = run("convert", "--to", "misp", broken.toString(), "-o", out.toString());
        assertThat(notJson.code()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(notJson.err()).contains(broken.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void mispOptionsWithoutTheirGroupOrTargetAreUsageErrors() {
        Run run = run("convert", "--to", "misp", "--misp-distribution", "4", MISP.resolve("test_events_collection_stix21.json").toString());

        assertThat(run.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(run.err()).contains("--misp-sharing-group");

        Run withoutTarget = run("convert", "--misp-info", "x", MISP.resolve("test_events_collection_stix21.json").toString());
        assertThat(withoutTarget.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(withoutTarget.err()).contains("only with --to misp");
    }

    private static List<String> values(JsonNode attributes) {
        List<String> values = new ArrayList<>();
        attributes.forEach(a -> values.add(a.path("value").asText()));
        return values;
    }

    /** "relation=value" of every attribute of the event's objects. */
    private static List<String> objectValues(JsonNode event) {
        List<String> values = new ArrayList<>();
        event.path("Object").forEach(o -> values.addAll(relations(o.path("Attribute"))));
        return values;
    }

    /** "relation=value" of an object's attributes. */
    private static List<String> relations(JsonNode attributes) {
        List<String> values = new ArrayList<>();
        attributes.forEach(a -> values.add(a.path("object_relation").asText() + "=" + a.path("value").asText()));
        return values;
    }
}

package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.app.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** ctiflow policy check / destinations, filter and explain, as a compliance officer uses them. */
class PolicyCliTest {

    @TempDir
    Path tmp;

    /** A bundle with one shareable and one TLP:RED indicator, without ctiflow provenance (so --source decides). */
    private Path bundle() throws IOException {
        String clear = indicator("indicator--2f9a3d4c-9c55-4a4b-8d39-1f3b5c0a1111", "[domain-name:value = 'evil.example']", "94868c89-83c2-464b-929b-a1a8aa3c8487");
        String red = indicator("indicator--2f9a3d4c-9c55-4a4b-8d39-1f3b5c0a2222", "[domain-name:value = 'secret.example']", "e828b379-4e03-4974-9ac4-e53a884c97c1");
        Path file = tmp.resolve("in.json");
        Files.writeString(file, "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[" + clear + "," + red + "]}");
        return file;
    }

    private static String indicator(String id, String pattern, String marking) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-02T03:04:05.000Z\","
                + "\"modified\":\"2024-01-02T03:04:05.000Z\",\"pattern\":\"" + pattern + "\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2024-01-02T03:04:05.000Z\",\"object_marking_refs\":[\"marking-definition--" + marking + "\"]}";
    }

    @Test
    void policyCheckAcceptsTheShippedPolicies() {
        CliTest.Run run = run("policy", "check");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("valid: 7 jurisdictions, 5 destinations");
    }

    @Test
    void policyCheckNamesFileAndKeyOfAMistake() throws IOException {
        Path broken = tmp.resolve("policies");
        Files.createDirectories(broken);
        for (String f : List.of("jurisdictions.yaml", "destinations.yaml", "sources.yaml", "policy.yaml")) {
            Files.copy(Path.of("policies", f), broken.resolve(f));
        }
        Files.writeString(broken.resolve("destinations.yaml"), Files.readString(broken.resolve("destinations.yaml"))
                .replace("jurisdiction: UK", "jurisdiction: UKK"));
        CliTest.Run run = run("policy", "check", "--policies", broken.toString());
        assertThat(run.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(run.err()).contains("destinations.yaml").contains("destinations.ncsc-uk.jurisdiction").contains("unknown jurisdiction 'UKK'")
                .doesNotContain("Exception");
    }

    @Test
    void policyDestinationsPrintsOneIdPerLine() {
        CliTest.Run run = run("policy", "destinations");
        assertThat(run.code()).isZero();
        assertThat(run.out().lines()).containsExactly("cert-eu", "ncsc-uk", "us-isac", "feed-vendor", "cn-partner");
    }

    @Test
    void filterWritesWhatTheDestinationMayReceiveAndAuditsEveryDecision() throws IOException {
        Path out = tmp.resolve("out.json");
        Path audit = tmp.resolve("audit");
        CliTest.Run run = run("filter", "--destination", "us-isac", "--source", "urlhaus", bundle().toString(), "-o", out.toString(),
                "--audit-dir", audit.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode result = Stix.mapper().readTree(out.toFile());
        StixAssertions.assertValidBundle(result, "filtered for us-isac");
        assertThat(result.path("objects").findValuesAsText("id")).contains("indicator--2f9a3d4c-9c55-4a4b-8d39-1f3b5c0a1111")
                .doesNotContain("indicator--2f9a3d4c-9c55-4a4b-8d39-1f3b5c0a2222");
        assertThat(run.err()).contains("1 withheld");
        List<JsonNode> decisions = RuntimeTestSupport.jsonLines(audit.resolve("decisions.jsonl"));
        assertThat(decisions).anySatisfy(d -> {
            assertThat(d.path("object").asText()).isEqualTo("indicator--2f9a3d4c-9c55-4a4b-8d39-1f3b5c0a2222");
            assertThat(d.path("outcome").asText()).isEqualTo("withheld");
            assertThat(d.path("rule").asText()).isEqualTo("tlp");
            assertThat(d.path("destination").asText()).isEqualTo("us-isac");
        });
    }

    @Test
    void withoutASourceNothingLeavesAndExplainSaysWhy() throws IOException {
        CliTest.Run run = run("explain", "--destination", "cert-eu", bundle().toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("0 shared, 0 redacted, 2 withheld").contains("[source]").contains("sharing terms are unknown");
    }

    @Test
    void explainShowsTheRuleAndReasonPerObjectAndDestination() throws IOException {
        CliTest.Run run = run("explain", "--source", "urlhaus", bundle().toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("== cert-eu").contains("== cn-partner")
                .contains("withheld indicator--2f9a3d4c-9c55-4a4b-8d39-1f3b5c0a2222  [tlp] marked TLP:RED: TLP:RED never leaves")
                .contains("shared   indicator--2f9a3d4c-9c55-4a4b-8d39-1f3b5c0a1111");
    }
}

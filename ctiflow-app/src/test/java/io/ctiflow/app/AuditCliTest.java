package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ctiflow.app.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ctiflow audit verify, search and transfers over the trail a real filter run writes: the Shadowserver sinkhole
 * sample (victim IP addresses: personal data) converted to STIX and filtered for cert-eu (keeps IPs) and ncsc-uk
 * (generalises them to their /24).
 */
class AuditCliTest {

    @TempDir
    Path tmp;

    private Path audit;
    private final List<String> victimIps = new ArrayList<>();

    @BeforeEach
    void filterARealBundle() throws IOException {
        Path bundle = tmp.resolve("shadowserver.json");
        CliTest.Run convert = run("convert", "-m", "shadowserver-sinkhole-http", "ctiflow-app/src/test/resources/data/csv/shadowserver-event4-sinkhole-http.csv",
                "-o", bundle.toString());
        assertThat(convert.code()).as(convert.err()).isZero();
        for (JsonNode o : Stix.mapper().readTree(bundle.toFile()).path("objects")) {
            if (o.path("type").asText().equals("indicator") && o.path("name").asText().startsWith("ipv4: ")) {
                victimIps.add(o.path("name").asText().substring("ipv4: ".length()));
            }
        }
        assertThat(victimIps).isNotEmpty();
        audit = tmp.resolve("audit");
        for (String destination : List.of("cert-eu", "ncsc-uk")) {
            CliTest.Run filter = run("filter", "-d", destination, "--source", "shadowserver-sinkhole-http", bundle.toString(),
                    "-o", tmp.resolve(destination + ".json").toString(), "--audit-dir", audit.toString());
            assertThat(filter.code()).as(filter.err()).isZero();
        }
    }

    @Test
    void verifyCountsAnIntactTrailAndNamesTheLineOfAnEdit() throws IOException {
        CliTest.Run ok = run("audit", "verify", "--dir", audit.toString());
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("intact: 30 records in 1 files");

        Path file = audit.resolve("decisions.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        // someone hides that a victim's IP address went to cert-eu as it was
        int kept = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"action\":\"kept\"")) {
                kept = i;
                break;
            }
        }
        assertThat(kept).as("cert-eu keeps IP addresses").isNotNegative();
        lines.set(kept, lines.get(kept).replace("\"action\":\"kept\"", "\"action\":\"redacted\""));
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        CliTest.Run bad = run("audit", "verify", "--dir", audit.toString());
        assertThat(bad.code()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(bad.out()).contains(file + ":" + (kept + 1) + ": altered").contains("NOT intact");
    }

    @Test
    void searchFindsDecisionsByDestinationRuleOutcomeObjectAndTime() throws IOException {
        CliTest.Run redacted = run("audit", "search", "--dir", audit.toString(), "-d", "ncsc-uk", "--rule", "personal-data", "--format", "json");
        assertThat(redacted.code()).as(redacted.err()).isZero();
        JsonNode found = Stix.mapper().readTree(redacted.out());
        assertThat(found).isNotEmpty();
        for (JsonNode d : found) {
            assertThat(d.path("destination").asText()).isEqualTo("ncsc-uk");
            assertThat(d.path("outcome").asText()).isEqualTo("redacted");
            assertThat(d.path("source").asText()).isEqualTo("shadowserver-sinkhole-http");
            assertThat(d.path("input").asText()).endsWith("shadowserver.json");
            assertThat(d.path("personal").path("data").get(0).path("action").asText()).isEqualTo("generalised");
        }
        String one = found.get(0).path("object").asText();
        CliTest.Run byObject = run("audit", "search", "--dir", audit.toString(), "--object", one);
        assertThat(byObject.out()).contains("cert-eu").contains("ncsc-uk").contains("2 decisions");
        CliTest.Run table = run("audit", "search", "--dir", audit.toString(), "--outcome", "shared", "-d", "cert-eu", "--limit", "2");
        assertThat(table.out()).contains("(2 shown; --limit 0 for all)");
        assertThat(table.out().lines().filter(l -> l.contains("  cert-eu ")).count()).isEqualTo(2);
        assertThat(run("audit", "search", "--dir", audit.toString(), "--since", "2999-01-01").out()).contains("0 decisions");
        assertThat(run("audit", "search", "--dir", audit.toString(), "--until", "2000-01-01").out()).contains("0 decisions");
        assertThat(run("audit", "search", "--dir", audit.toString(), "--source", "urlhaus").out()).contains("0 decisions");
    }

    @Test
    void transfersListWhatPersonalDataWentWhereOnWhichBasisWithoutTheValues() throws IOException {
        CliTest.Run csv = run("audit", "transfers", "--dir", audit.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out().lines().findFirst()).hasValue("destination,country,from,category,action,values,objects,legal_basis,first,last");
        assertThat(csv.out()).contains("cert-eu,EU,EU,ip-address,kept,1,1,no transfer: stays within EU,")
                .contains("ncsc-uk,UK,EU,ip-address,generalised,1,1,\"adequacy decision (Commission Implementing Decision (EU) 2021/1772), GDPR Art. 45\",");
        for (String ip : victimIps) {
            assertThat(csv.out()).doesNotContain(ip);
        }

        JsonNode json = Stix.mapper().readTree(run("audit", "transfers", "--dir", audit.toString(), "--format", "json").out());
        long kept = 0;
        long generalised = 0;
        for (JsonNode row : json) {
            kept += row.path("action").asText().equals("kept") ? row.path("values").asLong() : 0;
            generalised += row.path("action").asText().equals("generalised") ? row.path("values").asLong() : 0;
        }
        // every victim address reaches cert-eu as it is and ncsc-uk as its /24
        assertThat(kept).isEqualTo(victimIps.size());
        assertThat(generalised).isEqualTo(victimIps.size());

        Path html = tmp.resolve("transfers.html");
        CliTest.Run page = run("audit", "transfers", "--dir", audit.toString(), "--format", "html", "-o", html.toString(), "--since", "2000-01-01");
        assertThat(page.code()).as(page.err()).isZero();
        assertThat(Files.readString(html)).contains("<th scope=\"col\">legal basis</th>").contains("<td>ncsc-uk</td>").contains("<td>generalised</td>");
        assertThat(run("audit", "transfers", "--dir", audit.toString(), "--until", "2000-01-01").out().lines()).hasSize(1);
    }
}

package io.ctiflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowCli;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed's reference link becomes a clickable url in every STIX consumer: only http(s) ones are kept. */
class ReferenceUrlSchemesTest {

    @TempDir
    Path dir;

    @Test
    void nonWebReferenceUrlsAreDroppedAndTheRestOfTheReferenceKept() throws Exception {
        // real URLhaus rows (the first two of the sample) with their urlhaus_link replaced
        List<String> rows = Files.readAllLines(Path.of("ctiflow-app/src/test/resources/data/csv/urlhaus-recent-test-rows.csv")).stream()
                .filter(l -> l.startsWith("\"340000")).limit(4).toList();
        List<String> links = List.of("javascript:alert(document.cookie)", "DATA:text/html,<script>alert(1)</script>", "file:///etc/passwd",
                "https://urlhaus.abuse.ch/url/3400004/");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            csv.append(rows.get(i).replaceFirst("\"https://urlhaus\\.abuse\\.ch/url/\\d+/\"", "\"" + links.get(i).replace("\"", "\"\"") + "\"")).append('\n');
        }
        Path input = Files.writeString(dir.resolve("links.csv"), csv);
        Path out = dir.resolve("out.json");
        StringWriter err = new StringWriter();
        int code = CtiflowCli.execute(new String[] {"convert", "-m", "urlhaus", input.toString(), "-o", out.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();

        JsonNode bundle = Stix.mapper().readTree(out.toFile());
        List<JsonNode> references = bundle.path("objects").findValues("external_references");
        assertThat(references).hasSize(4);
        assertThat(bundle.toString()).doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("data:text").doesNotContain("file:");
        assertThat(references).allSatisfy(r -> assertThat(r.get(0).path("external_id").asText()).startsWith("340000"));
        assertThat(references).extracting(r -> r.get(0).path("url").asText(null)).containsExactly(null, null, null, "https://urlhaus.abuse.ch/url/3400004/");
    }
}

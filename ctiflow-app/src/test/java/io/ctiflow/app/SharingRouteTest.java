package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.audit.AuditVerifier;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.StixObject;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.app.RuntimeTestSupport.drop;
import static io.ctiflow.app.RuntimeTestSupport.files;
import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline shares per destination: a dropped feed reaches work/share/<destination>/ filtered, and every decision is audited. */
class SharingRouteTest extends CtiflowRouteTestSupport {

    private static final Path DATA = Path.of("ctiflow-app/src/test/resources/data/csv");

    @Test
    void everyDestinationGetsItsOwnValidBundleAndEveryDecisionIsAudited() throws Exception {
        NotifyBuilder done = whenDone("csv-files-to-stix-files", 1);
        Path inbox = work.resolve("inbox");
        // CERT-EU's example feed: TLP:GREEN and TLP:AMBER rows, AMBER allowed only to cert-eu by sources.yaml
        drop(DATA.resolve("cert-eu-feed-example.csv"), inbox, "cert-eu/feed.csv");
        assertDone(done);
        assertThat(files(inbox.resolve(".done"))).hasSize(1);

        List<Path> certEu = files(work.resolve("share/cert-eu"));
        List<Path> ncsc = files(work.resolve("share/ncsc-uk"));
        assertThat(certEu).hasSize(1);
        JsonNode full = Stix.mapper().readTree(certEu.get(0).toFile());
        StixAssertions.assertValidBundle(full, "cert-eu share");
        assertThat(full.toString()).contains("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"); // AMBER reached cert-eu
        for (Path p : ncsc) {
            JsonNode bundle = Stix.mapper().readTree(p.toFile());
            StixAssertions.assertValidBundle(bundle, "ncsc-uk share");
            // ncsc-uk is not listed in amber_to, and is in no community cert-eu shares GREEN with
            assertThat(bundle.toString()).doesNotContain("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421\"]");
        }
        List<JsonNode> audit = RuntimeTestSupport.jsonLines(work.resolve("audit/decisions.jsonl"));
        assertThat(audit).extracting(d -> d.path("destination").asText()).contains("cert-eu", "ncsc-uk", "us-isac", "feed-vendor", "cn-partner");
        assertThat(audit).anySatisfy(d -> {
            assertThat(d.path("destination").asText()).isEqualTo("ncsc-uk");
            assertThat(d.path("outcome").asText()).isEqualTo("withheld");
            assertThat(d.path("rule").asText()).isEqualTo("tlp");
        });
        // traceable: each decision names the input file and the bundle file the pipeline wrote, and the chain verifies
        List<String> bundles = files(work.resolve("stix")).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(audit).allSatisfy(d -> {
            assertThat(d.path("input").asText()).endsWith("feed.csv");
            assertThat(bundles).contains(d.path("bundle").asText());
            assertThat(d.path("instance").asText()).isNotBlank();
        });
        AuditVerifier.Result chain = new AuditVerifier().verify(work.resolve("audit"));
        assertThat(chain.problem()).isNull();
        assertThat(chain.records()).isEqualTo(audit.size());
    }

    @Test
    void jurisdictionComponentFiltersABatchForOneDestination() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:share-with-us-isac").to("jurisdiction:us-isac");
            }
        });
        StixObject clear = StixObject.of((ObjectNode) Stix.mapper().readTree(
                "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--6b6e2d55-7a4e-4b4e-9c39-2c3b7b9a0001\",\"created\":\"2024-01-02T03:04:05.000Z\","
                        + "\"modified\":\"2024-01-02T03:04:05.000Z\",\"pattern\":\"[url:value = 'http://x.example/a']\",\"pattern_type\":\"stix\","
                        + "\"valid_from\":\"2024-01-02T03:04:05.000Z\"}"));
        Batch in = new Batch("urlhaus", "test.csv", 1, 1, List.of(clear), List.of());
        Object out = template.requestBody("direct:share-with-us-isac", in);
        // unmarked: urlhaus's default TLP (clear) applies, so the indicator goes
        assertThat(out).isInstanceOf(Batch.class);
        assertThat(((Batch) out).objects()).extracting(StixObject::id).contains("indicator--6b6e2d55-7a4e-4b4e-9c39-2c3b7b9a0001");
        Batch unknown = new Batch("nobody", "test.csv", 1, 1, List.of(clear), List.of());
        Object none = template.requestBody("direct:share-with-us-isac", unknown);
        assertThat(((Batch) none).objects()).isEmpty(); // fail closed: an unconfigured source shares nothing
    }
}

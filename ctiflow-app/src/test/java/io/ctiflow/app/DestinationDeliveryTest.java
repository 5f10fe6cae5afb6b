package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.server.ApiRootConfig;
import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.CollectionConfig;
import io.ctiflow.taxii.server.TaxiiServer;
import io.ctiflow.taxii.server.TaxiiServerConfig;
import io.ctiflow.taxii.server.UserConfig;
import io.ctiflow.taxii.store.StoreSettings;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.ctiflow.app.RuntimeTestSupport.drop;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endpoints chosen per destination in policies/: a partner's TAXII server receives that partner's
 * filtered view; a partner whose endpoint refuses is dead-lettered with the reason while the
 * others (and the file share) still get theirs.
 */
class DestinationDeliveryTest extends CtiflowRouteTestSupport {

    private static final String TOKEN = "test-partner-token-not-a-secret"; // CTIFLOW_TEST_PARTNER_TOKEN, set by surefire
    private static final UUID COLLECTION = UUID.fromString("7b6f0a0e-3c8f-4d0e-9a55-1e2f3a4b5c6d");

    @TempDir
    Path tmp;

    private TaxiiServer partner;
    private Path siemFile;

    /** The partner's TAXII server runs before ctiflow starts: the policy names its URL. */
    @Override
    protected void setupResources() {
        partner = TaxiiServer.start(TaxiiServerConfig.of(StoreSettings.h2File(tmp.resolve("partner/taxii")),
                List.of(new ApiRootConfig("api1", "partner", null, List.of(CollectionConfig.of(COLLECTION, "from-ctiflow", Set.of("ctiflow"), Set.of("ctiflow"))))),
                List.of(new UserConfig("ctiflow", null, ApiTokens.hash(TOKEN)))));
        siemFile = tmp.resolve("siem/ncsc-uk.ndjson");
    }

    @Override
    protected void cleanupResources() {
        if (partner != null) {
            partner.close();
        }
    }

    @Override
    protected Map<String, String> properties() {
        String ncsc = "      - {kind: taxii, url: \"" + partner.apiRootUrl("api1") + "\", collection: from-ctiflow, token_env: CTIFLOW_TEST_PARTNER_TOKEN}\n"
                + "      - {kind: siem, transport: file, file: \"" + siemFile + "\"}\n";
        // a collection that does not exist on the partner's server: every delivery to us-isac fails
        String usIsac = "      - {kind: taxii, url: \"" + partner.apiRootUrl("api1") + "\", collection: no-such-collection, token_env: CTIFLOW_TEST_PARTNER_TOKEN}\n";
        try {
            return Map.of("ctiflow.policies", policiesWith(ncsc, usIsac).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path policiesWith(String ncscEndpoints, String usIsacEndpoints) throws IOException {
        Path dir = tmp.resolve("policies");
        Files.createDirectories(dir);
        for (String f : List.of("jurisdictions.yaml", "sources.yaml", "policy.yaml")) {
            Files.copy(Path.of("policies", f), dir.resolve(f));
        }
        String destinations = Files.readString(Path.of("policies/destinations.yaml"))
                .replace("      - {kind: embedded-taxii, collection: ncsc-uk, tls: true}\n", ncscEndpoints)
                .replace("      - {kind: embedded-taxii, collection: us-isac, tls: true}\n", usIsacEndpoints);
        Files.writeString(dir.resolve("destinations.yaml"), destinations);
        return dir;
    }

    @Test
    void eachPartnerReceivesItsViewAtItsOwnEndpointAndARefusingOneIsDeadLettered() throws Exception {
        NotifyBuilder done = whenDone("csv-files-to-stix-files", 1);
        Path inbox = work.resolve("inbox");
        drop(Path.of("ctiflow-app/src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv"), inbox, "feodotracker/ipblocklist.csv");
        assertDone(done);
        assertThat(RuntimeTestSupport.files(inbox.resolve(".done"))).hasSize(1);

        HttpResponse<String> objects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(partner.collectionUrl("api1", COLLECTION) + "objects/"))
                .header("Accept", "application/taxii+json;version=2.1").header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(objects.statusCode()).isEqualTo(200);
        JsonNode envelope = Stix.mapper().readTree(objects.body());
        assertThat(envelope.path("objects").size()).isGreaterThan(20);
        // what ncsc-uk's policy says: provenance stripped
        assertThat(objects.body()).doesNotContain("\"source_record\"");

        // the same partner's SIEM gets one line per indicator with the fields SIEMs need
        List<JsonNode> siem = RuntimeTestSupport.jsonLines(siemFile);
        assertThat(siem).hasSizeGreaterThan(20).allSatisfy(line -> {
            assertThat(line.path("value").asText()).isNotEmpty();
            assertThat(line.path("tlp").asText()).isEqualTo("clear");
            assertThat(line.path("destination").asText()).isEqualTo("ncsc-uk");
        });

        List<JsonNode> failed = RuntimeTestSupport.jsonLines(work.resolve("deadletter/failed-deliveries.jsonl"));
        assertThat(failed).isNotEmpty().allSatisfy(f -> {
            assertThat(f.path("destination").asText()).isEqualTo("us-isac");
            assertThat(f.path("endpoint").asText()).isEqualTo("taxii:us-isac-0");
            assertThat(f.path("reason").asText()).contains("no-such-collection");
        });
        assertThat(objects.body()).doesNotContain(TOKEN);
        // the other deliveries went on: every destination's file share is written, us-isac's included
        assertThat(RuntimeTestSupport.files(work.resolve("share/us-isac"))).isNotEmpty();
        assertThat(RuntimeTestSupport.files(work.resolve("share/cert-eu"))).isNotEmpty();
    }
}

package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowRouteTestSupport;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.ctiflow.app.RuntimeTestSupport.drop;
import static io.ctiflow.app.RuntimeTestSupport.files;
import static io.ctiflow.app.RuntimeTestSupport.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner's TAXII server is down while ctiflow processes a feed and comes back on the same port
 * some seconds later: the delivery waits (retries with back-off), then the collection holds every
 * object of the partner's view exactly once, and nothing was dead-lettered.
 */
@CtiflowRouteTestSupport.TestProperties({"ctiflow.batch.size", "10",
        "ctiflow.delivery.retries", "30", "ctiflow.delivery.retry.delay", "200", "ctiflow.delivery.retry.max-delay", "1000"})
class TaxiiDestinationOutageTest extends CtiflowRouteTestSupport {

    private static final String TOKEN = "test-partner-token-not-a-secret"; // CTIFLOW_TEST_PARTNER_TOKEN, set by surefire
    private static final UUID COLLECTION = UUID.fromString("5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f");

    @TempDir
    Path tmp;

    private TaxiiServer partner;
    /** The partner's port, free when ctiflow starts; its server starts only later in the test. */
    private int port;
    private String apiRoot;

    @Override
    protected Map<String, String> properties() {
        try {
            port = CollectionContents.freePort();
            apiRoot = "http://127.0.0.1:" + port + "/api1/";
            return Map.of("ctiflow.policies", FaultPolicies.withEndpoints(tmp.resolve("policies"), Map.of("ncsc-uk",
                    "      - {kind: taxii, url: \"" + apiRoot + "\", collection: from-ctiflow, token_env: CTIFLOW_TEST_PARTNER_TOKEN}\n      - {kind: file}\n"))
                    .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void cleanupResources() {
        if (partner != null) {
            partner.close();
        }
    }

    private TaxiiServer startPartner(int port) {
        return TaxiiServer.start(TaxiiServerConfig.of(StoreSettings.h2File(tmp.resolve("partner/taxii")),
                List.of(new ApiRootConfig("api1", "partner", null, List.of(CollectionConfig.of(COLLECTION, "from-ctiflow", Set.of("ctiflow"), Set.of("ctiflow"))))),
                List.of(new UserConfig("ctiflow", null, ApiTokens.hash(TOKEN)))).withPort(port));
    }

    @Test
    void everyObjectArrivesExactlyOnceAfterThePartnerComesBack() throws Exception {
        Path inbox = work.resolve("inbox");
        NotifyBuilder done = whenDone("csv-files-to-stix-files", 1);
        long dropped = System.nanoTime();
        drop(Path.of("ctiflow-app/src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv"), inbox, "feodotracker/ipblocklist.csv");

        // the partner stays down for 12 s: longer than the TAXII client's own retries (1 + 2 + 4 s)
        await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(13)).until(() -> true);
        assertThat(files(inbox.resolve(".done"))).as("the input waits for its delivery").isEmpty();
        assertThat(jsonLines(work.resolve("deadletter/failed-deliveries.jsonl"))).as("nothing given up during the outage").isEmpty();
        partner = startPartner(port);

        assertDone(done);
        assertThat(files(inbox.resolve(".done"))).hasSize(1);
        long seconds = Duration.ofNanos(System.nanoTime() - dropped).toSeconds();
        assertThat(seconds).isGreaterThanOrEqualTo(12);

        Set<String> expected = CollectionContents.bundleIds(work.resolve("share/ncsc-uk"));
        List<JsonNode> held = CollectionContents.read(apiRoot, "Bearer " + TOKEN, "from-ctiflow");
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(files(work.resolve("share/ncsc-uk"))).as("several batches").hasSizeGreaterThan(2);
        assertThat(CollectionContents.idCounts(held)).as("every object exactly once").containsOnlyKeys(expected).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(held).hasSize(expected.size());
        assertThat(jsonLines(work.resolve("deadletter/failed-deliveries.jsonl"))).isEmpty();
        assertThat(files(work.resolve("deadletter")).stream().map(p -> p.getFileName().toString())).doesNotContain("failed-inputs.jsonl");
        assertThat(Files.exists(work.resolve("state/ctiflow.mv.db"))).as("the state store holding the publish ledger").isTrue();
    }
}

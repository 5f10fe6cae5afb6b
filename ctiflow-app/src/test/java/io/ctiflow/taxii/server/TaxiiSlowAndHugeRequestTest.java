package io.ctiflow.taxii.server;

import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.store.StoreSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.ctiflow.taxii.server.TaxiiTestServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that would pin a worker thread: one that stops half-way through its body is cut off after
 * the read timeout (1 s here), while others are served; one that declares a body larger than
 * max_content_length is answered 413 at once, without the server waiting for the body.
 */
class TaxiiSlowAndHugeRequestTest {

    @TempDir
    static Path tmp;

    static TaxiiServer server;
    static UUID collection = UUID.randomUUID();

    @BeforeAll
    static void start() {
        server = TaxiiServer.start(TaxiiTestServer.config(StoreSettings.h2File(tmp.resolve("taxii")),
                collection, UUID.randomUUID(), UUID.randomUUID()).withReadTimeout(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String objectsPath() {
        return URI.create(server.collectionUrl(TaxiiTestServer.ROOT, collection) + "objects/").getPath();
    }

    @Test
    void aBodyThatStopsHalfWayIsCutOffAfterTheReadTimeoutWhileOthersAreServed() throws Exception {
        try (RawHttp stalled = new RawHttp(server.port())) {
            stalled.send(RawHttp.postHeaders(objectsPath(), ALICE, 1000) + "{\"objects\":");
            TaxiiHttp.Answer other = new TaxiiHttp().get(server.collectionUrl(TaxiiTestServer.ROOT, collection) + "objects/", ALICE);
            assertThat(other.status()).isEqualTo(200);
            RawHttp.Reply reply = stalled.read(10_000);
            assertThat(reply.closedByServer() || reply.isStatus(408)).as("closed or 408 after %d ms: %s", reply.millis(), reply.text()).isTrue();
            assertThat(reply.text()).satisfiesAnyOf(t -> assertThat(t).isEmpty(), t -> assertThat(t).startsWith("HTTP/1.1 408 "));
            assertThat(reply.millis()).isLessThan(6_000);
        }
        assertThat(new TaxiiHttp().post(server.collectionUrl(TaxiiTestServer.ROOT, collection) + "objects/", ALICE,
                StixFixtures.indicators(70_000, 1)).status()).isEqualTo(202);
    }

    @Test
    void aDeclaredLengthOverMaxContentLengthIs413BeforeAnyBodyIsSent() throws Exception {
        try (RawHttp huge = new RawHttp(server.port())) {
            huge.send(RawHttp.postHeaders(objectsPath(), ALICE, 1L << 40));
            RawHttp.Reply reply = huge.read(10_000);
            assertThat(reply.text()).startsWith("HTTP/1.1 413 ");
            assertThat(reply.text().toLowerCase()).contains("content-type: application/taxii+json;version=2.1");
            String body = reply.text().substring(reply.text().indexOf("\r\n\r\n") + 4);
            assertThat(Stix.mapper().readTree(body).path("http_status").asText()).isEqualTo("413");
            assertThat(reply.millis()).as("answered without waiting for the body (read timeout 1 s)").isLessThan(900);
        }
    }
}

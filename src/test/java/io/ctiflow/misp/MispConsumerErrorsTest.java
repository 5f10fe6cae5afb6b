package io.ctiflow.misp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import static io.ctiflow.misp.MispSamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MispConsumerErrorsTest {

    @TempDir
    Path state;

    private final MispTestServer server = MispTestServer.start().withEvents(EVENTS);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWrongKeyIsAClearErrorWithoutRetriesEventsOrCheckpoint() throws Exception {
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "maxRetries=5"), key("wrong-key"))) {
            assertThatThrownBy(route::poll).isInstanceOf(MispAuthenticationException.class)
                    .hasMessageStartingWith("MISP at " + server.url() + " rejected the API key (HTTP 403)");
            assertThat(server.paths()).hasSize(1);
            assertThat(route.received()).isEmpty();
            assertThat(((MispConsumer) route.consumer()).checkpoint()).isEmpty();
        }
    }

    @Test
    void aMissingKeyIsReportedAs401() throws Exception {
        String uri = restUri(server, state, "").replace("&apiKey={{misp.key}}", "");
        try (MispRouteHarness route = new MispRouteHarness(uri, new Properties())) {
            assertThatThrownBy(route::poll).hasMessageStartingWith("MISP at " + server.url()
                    + " rejected the API key (HTTP 401)");
        }
    }

    @Test
    void aBadKeyLeavesAnExistingCheckpointAsItWas() throws Exception {
        long before;
        try (MispRouteHarness good = new MispRouteHarness(restUri(server, state, ""), goodKey())) {
            good.poll();
            before = ((MispConsumer) good.consumer()).checkpoint().orElseThrow();
        }
        try (MispRouteHarness bad = new MispRouteHarness(restUri(server, state, ""), key("wrong-key"))) {
            server.touch(REGIN, 1700000000L);
            assertThatThrownBy(bad::poll).isInstanceOf(MispAuthenticationException.class);
            assertThat(((MispConsumer) bad.consumer()).checkpoint()).hasValue(before);
            assertThat(bad.received()).isEmpty();
        }
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedThenDelivered() throws Exception {
        server.failNext(1, 500);
        server.failNext(1, 429);
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "maxRetries=3"), goodKey())) {
            long start = System.nanoTime();
            assertThat(route.poll()).isEqualTo(7);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the 429's Retry-After: 1 was honoured")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(server.paths()).hasSize(3);
            assertThat(((MispConsumer) route.consumer()).checkpoint()).hasValue(1569281525L);
        }
    }

    @Test
    void retriesAreBoundedAndEndInOneClearLine() throws Exception {
        server.failNext(3, 503);
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "maxRetries=2"), goodKey())) {
            assertThatThrownBy(route::poll).isInstanceOf(MispUnavailableException.class)
                    .hasMessage("MISP at " + server.url() + " failed POST /events/restSearch page 1 after 3 attempts:"
                            + " HTTP 503 (error)");
            assertThat(server.paths()).hasSize(3);
            assertThat(((MispConsumer) route.consumer()).checkpoint()).isEmpty();
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenFails() throws Exception {
        String url = server.url();
        server.close();
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "maxRetries=1"), goodKey())) {
            assertThatThrownBy(route::poll).isInstanceOf(MispUnavailableException.class)
                    .hasMessageStartingWith("MISP at " + url + " failed POST /events/restSearch page 1 after 2 attempts:")
                    .hasMessageContaining("ConnectException");
        }
    }

    @Test
    void garbageInsteadOfJsonIsAClearErrorAndTheCheckpointStays() throws Exception {
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "pageSize=2"), goodKey())) {
            route.poll();
            MispConsumer consumer = (MispConsumer) route.consumer();
            assertThat(consumer.checkpoint()).hasValue(1569281525L);

            server.touch(REGIN, 1700000000L);
            server.touch(XORIST, 1700000001L);
            server.touch(SAMSAM, 1700000002L);
            server.passNext(1);
            server.failNext(1, 200);
            assertThatThrownBy(route::poll).isInstanceOf(MispException.class)
                    .hasMessageStartingWith("invalid JSON from " + server.url() + "/events/restSearch page 2:")
                    .hasMessageNotContaining("\n");
            assertThat(consumer.checkpoint()).as("page 1 was delivered, page 2 was not").hasValue(1569281525L);
            assertThat(route.received()).hasSize(9);

            assertThat(route.poll()).as("the whole poll comes again").isEqualTo(3);
            assertThat(consumer.checkpoint()).hasValue(1700000002L);
        }
    }

    @Test
    void aRouteFailingOnOneEventKeepsTheCheckpointBeforeIt() throws Exception {
        // XORIST (1472541011) fails; everything older is safe, nothing from it on may be skipped
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "pageSize=2"), goodKey(),
                Set.of(XORIST))) {
            assertThat(route.poll()).isEqualTo(6);
            MispConsumer consumer = (MispConsumer) route.consumer();
            assertThat(consumer.checkpoint()).hasValue(1472541010L);
            assertThat(route.reported()).singleElement().satisfies(e ->
                    assertThat(e).hasMessageContaining("route failed on purpose for event " + XORIST));

            assertThat(route.poll()).as("the failed event and the ones after it come again").isEqualTo(4);
            assertThat(consumer.checkpoint()).hasValue(1472541010L);
        }
        try (MispRouteHarness fixed = new MispRouteHarness(restUri(server, state, ""), goodKey())) {
            assertThat(fixed.poll()).isEqualTo(5);
            assertThat(fixed.receivedUuids()).contains(XORIST).doesNotContain(REGIN, ASERT);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    ((MispConsumer) fixed.consumer()).checkpoint().orElseThrow() == 1569281525L);
        }
    }
}

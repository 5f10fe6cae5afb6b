package io.ctiflow.misp;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static io.ctiflow.misp.MispMessages.received;
import static io.ctiflow.misp.MispMessages.uuids;
import static io.ctiflow.misp.MispSamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MispConsumerErrorsTest extends MispServerTestSupport {

    @Test
    void aWrongKeyIsAClearErrorWithoutRetriesEventsOrCheckpoint() throws Exception {
        withProperties(key("wrong-key"));
        MockEndpoint route = consume("route", restUri(server, state, "maxRetries=5"));
        assertThat(poll("route").error()).isInstanceOf(MispAuthenticationException.class)
                .hasMessageStartingWith("MISP at " + server.url() + " rejected the API key (HTTP 403)");
        assertThat(server.paths()).hasSize(1);
        assertThat(received(route)).isEmpty();
        assertThat(((MispConsumer) routeConsumer("route")).checkpoint()).isEmpty();
    }

    @Test
    void aMissingKeyIsReportedAs401() throws Exception {
        String uri = restUri(server, state, "").replace("&apiKey={{misp.key}}", "");
        MockEndpoint route = consume("route", uri);
        assertThat(poll("route").error()).hasMessageStartingWith("MISP at " + server.url()
                + " rejected the API key (HTTP 401)");
    }

    @Test
    void aBadKeyLeavesAnExistingCheckpointAsItWas() throws Exception {
        long before;
        withProperties(goodKey());
        MockEndpoint good = consume("good", restUri(server, state, ""));
        assertThat(poll("good").error()).isNull();
        before = ((MispConsumer) routeConsumer("good")).checkpoint().orElseThrow();
        stopAndRemove("good"); // ctiflow stopped, started again with another configuration
        withProperties(key("wrong-key"));
        MockEndpoint bad = consume("bad", restUri(server, state, ""));
        server.touch(REGIN, 1700000000L);
        assertThat(poll("bad").error()).isInstanceOf(MispAuthenticationException.class);
        assertThat(((MispConsumer) routeConsumer("bad")).checkpoint()).hasValue(before);
        assertThat(received(bad)).isEmpty();
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedThenDelivered() throws Exception {
        server.failNext(1, 500);
        server.failNext(1, 429);
        withProperties(goodKey());
        MockEndpoint route = consume("route", restUri(server, state, "maxRetries=3"));
        long start = System.nanoTime();
        assertThat(poll("route").messages()).isEqualTo(7);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the 429's Retry-After: 1 was honoured")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(server.paths()).hasSize(3);
        assertThat(((MispConsumer) routeConsumer("route")).checkpoint()).hasValue(1569281525L);
    }

    @Test
    void retriesAreBoundedAndEndInOneClearLine() throws Exception {
        server.failNext(3, 503);
        withProperties(goodKey());
        MockEndpoint route = consume("route", restUri(server, state, "maxRetries=2"));
        assertThat(poll("route").error()).isInstanceOf(MispUnavailableException.class)
                .hasMessage("MISP at " + server.url() + " failed POST /events/restSearch page 1 after 3 attempts:"
                        + " HTTP 503 (error)");
        assertThat(server.paths()).hasSize(3);
        assertThat(((MispConsumer) routeConsumer("route")).checkpoint()).isEmpty();
    }

    @Test
    void aRefusedConnectionIsRetriedThenFails() throws Exception {
        String url = server.url();
        server.close();
        withProperties(goodKey());
        MockEndpoint route = consume("route", restUri(server, state, "maxRetries=1"));
        assertThat(poll("route").error()).isInstanceOf(MispUnavailableException.class)
                .hasMessageStartingWith("MISP at " + url + " failed POST /events/restSearch page 1 after 2 attempts:")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void garbageInsteadOfJsonIsAClearErrorAndTheCheckpointStays() throws Exception {
        withProperties(goodKey());
        MockEndpoint route = consume("route", restUri(server, state, "pageSize=2"));
        assertThat(poll("route").error()).isNull();
        MispConsumer consumer = (MispConsumer) routeConsumer("route");
        assertThat(consumer.checkpoint()).hasValue(1569281525L);

        server.touch(REGIN, 1700000000L);
        server.touch(XORIST, 1700000001L);
        server.touch(SAMSAM, 1700000002L);
        server.passNext(1);
        server.failNext(1, 200);
        assertThat(poll("route").error()).isInstanceOf(MispException.class)
                .hasMessageStartingWith("invalid JSON from " + server.url() + "/events/restSearch page 2:")
                .hasMessageNotContaining("\n");
        assertThat(consumer.checkpoint()).as("page 1 was delivered, page 2 was not").hasValue(1569281525L);
        assertThat(received(route)).hasSize(9);

        assertThat(poll("route").messages()).as("the whole poll comes again").isEqualTo(3);
        assertThat(consumer.checkpoint()).hasValue(1700000002L);
    }

    @Test
    void aRouteFailingOnOneEventKeepsTheCheckpointBeforeIt() throws Exception {
        // XORIST (1472541011) fails; everything older is safe, nothing from it on may be skipped
        withProperties(goodKey());
        failExchangesWhere(e -> XORIST.equals(e.getIn().getHeader(MispConstants.EVENT_UUID)));
        MockEndpoint route = consume("route", restUri(server, state, "pageSize=2"));
        assertThat(poll("route").messages()).isEqualTo(6);
        MispConsumer consumer = (MispConsumer) routeConsumer("route");
        assertThat(consumer.checkpoint()).hasValue(1472541010L);
        assertThat(reported()).singleElement().satisfies(e ->
                assertThat(e).hasMessageContaining("failed on purpose").hasMessageContaining(MispConstants.EVENT_UUID + "=" + XORIST));

        assertThat(poll("route").messages()).as("the failed event and the ones after it come again").isEqualTo(4);
        assertThat(consumer.checkpoint()).hasValue(1472541010L);
        stopAndRemove("route"); // ctiflow stopped, started again with the route fixed
        failExchangesWhere(e -> false);
        MockEndpoint fixed = consume("fixed", restUri(server, state, ""));
        assertThat(poll("fixed").messages()).isEqualTo(5);
        assertThat(uuids(fixed)).contains(XORIST).doesNotContain(REGIN, ASERT);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                ((MispConsumer) routeConsumer("fixed")).checkpoint().orElseThrow() == 1569281525L);
    }
}

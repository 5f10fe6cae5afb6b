package io.ctiflow.misp;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.ctiflow.misp.MispMessages.received;
import static io.ctiflow.misp.MispMessages.uuids;
import static io.ctiflow.misp.MispSamples.*;
import static org.assertj.core.api.Assertions.assertThat;

class MispConsumerIncrementalTest extends MispServerTestSupport {

    @Test
    void aSecondPollBringsNothingAndAnEditedEventComesAgainAlone() throws Exception {
        withProperties(goodKey());
        MockEndpoint route = consume("route", restUri(server, state, "pageSize=3"));
        assertThat(poll("route").messages()).isEqualTo(7);
        MispConsumer consumer = (MispConsumer) routeConsumer("route");
        assertThat(consumer.checkpoint()).hasValue(1569281525L);

        assertThat(poll("route").messages()).isZero();
        assertThat(server.searches().get(server.searches().size() - 1).get("timestamp").asLong())
                .isEqualTo(1569281526L);

        server.touch(REGIN, 1600000000L);
        assertThat(poll("route").messages()).isEqualTo(1);
        assertThat(uuids(route)).hasSize(8).endsWith(REGIN);
        assertThat(received(route).get(7).timestamp()).isEqualTo(1600000000L);
        assertThat(consumer.checkpoint()).hasValue(1600000000L);
    }

    @Test
    void theCheckpointSurvivesARestartWithTheSameFolder() throws Exception {
        withProperties(goodKey());
        MockEndpoint first = consume("first", restUri(server, state, ""));
        assertThat(poll("first").messages()).isEqualTo(7);
        assertThat(Files.readString(state.resolve("misp.circl.json"))).contains("1569281525");

        server.touch(XORIST, 1700000000L);
        stopAndRemove("first"); // ctiflow stopped, started again with another configuration
        withProperties(goodKey());
        MockEndpoint second = consume("second", restUri(server, state, "since=0"));
        assertThat(poll("second").messages()).as("the checkpoint wins over since").isEqualTo(1);
        assertThat(uuids(second)).containsExactly(XORIST);
        assertThat(server.searches().get(server.searches().size() - 1).get("timestamp").asLong())
                .isEqualTo(1569281526L);
    }

    @Test
    void eachEndpointNameKeepsItsOwnCheckpoint() throws Exception {
        withProperties(goodKey());
        MockEndpoint circl = consume("circl", restUri(server, state, ""));
        assertThat(poll("circl").error()).isNull();
        String other = restUri(server, state, "").replace("misp:circl?", "misp:partner?");
        stopAndRemove("circl"); // ctiflow stopped, started again with another configuration
        withProperties(goodKey());
        MockEndpoint partner = consume("partner", other);
        assertThat(poll("partner").messages()).isEqualTo(7);
        assertThat(state.resolve("misp.circl.json")).exists();
        assertThat(state.resolve("misp.partner.json")).exists();
    }
}

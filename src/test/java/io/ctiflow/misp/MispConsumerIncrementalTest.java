package io.ctiflow.misp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.ctiflow.misp.MispSamples.*;
import static org.assertj.core.api.Assertions.assertThat;

class MispConsumerIncrementalTest {

    @TempDir
    Path state;

    private final MispTestServer server = MispTestServer.start().withEvents(EVENTS);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSecondPollBringsNothingAndAnEditedEventComesAgainAlone() throws Exception {
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "pageSize=3"), goodKey())) {
            assertThat(route.poll()).isEqualTo(7);
            MispConsumer consumer = (MispConsumer) route.consumer();
            assertThat(consumer.checkpoint()).hasValue(1569281525L);

            assertThat(route.poll()).isZero();
            assertThat(server.searches().get(server.searches().size() - 1).get("timestamp").asLong())
                    .isEqualTo(1569281526L);

            server.touch(REGIN, 1600000000L);
            assertThat(route.poll()).isEqualTo(1);
            assertThat(route.receivedUuids()).hasSize(8).endsWith(REGIN);
            assertThat(route.received().get(7).timestamp()).isEqualTo(1600000000L);
            assertThat(consumer.checkpoint()).hasValue(1600000000L);
        }
    }

    @Test
    void theCheckpointSurvivesARestartWithTheSameFolder() throws Exception {
        try (MispRouteHarness first = new MispRouteHarness(restUri(server, state, ""), goodKey())) {
            assertThat(first.poll()).isEqualTo(7);
        }
        assertThat(Files.readString(state.resolve("misp.circl.json"))).contains("1569281525");

        server.touch(XORIST, 1700000000L);
        try (MispRouteHarness second = new MispRouteHarness(restUri(server, state, "since=0"), goodKey())) {
            assertThat(second.poll()).as("the checkpoint wins over since").isEqualTo(1);
            assertThat(second.receivedUuids()).containsExactly(XORIST);
            assertThat(server.searches().get(server.searches().size() - 1).get("timestamp").asLong())
                    .isEqualTo(1569281526L);
        }
    }

    @Test
    void eachEndpointNameKeepsItsOwnCheckpoint() throws Exception {
        try (MispRouteHarness circl = new MispRouteHarness(restUri(server, state, ""), goodKey())) {
            circl.poll();
        }
        String other = restUri(server, state, "").replace("misp:circl?", "misp:partner?");
        try (MispRouteHarness partner = new MispRouteHarness(other, goodKey())) {
            assertThat(partner.poll()).isEqualTo(7);
        }
        assertThat(state.resolve("misp.circl.json")).exists();
        assertThat(state.resolve("misp.partner.json")).exists();
    }
}

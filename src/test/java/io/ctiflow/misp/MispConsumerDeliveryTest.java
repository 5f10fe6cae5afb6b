package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.ctiflow.misp.MispSamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MispConsumerDeliveryTest {

    @TempDir
    Path state;

    private final MispTestServer server = MispTestServer.start().withEvents(EVENTS);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyEventIsDeliveredOnceWithItsHeadersByTheScheduledPoll() throws Exception {
        String uri = "misp:circl?url=" + server.url() + "&apiKey={{misp.key}}&checkpointDir=" + state
                + "&initialDelay=0&delay=50";
        try (MispRouteHarness route = new MispRouteHarness(uri, goodKey())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> route.received().size() == EVENTS.length);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.searches().size() >= 3);

            assertThat(route.receivedUuids()).containsExactlyInAnyOrder(URSNIF, REGIN, ADD_RESPONSE, ASERT, SAMSAM,
                    XORIST, PUBG);
            MispRouteHarness.Received regin = route.received().stream().filter(r -> r.uuid().equals(REGIN))
                    .findFirst().orElseThrow();
            assertThat(regin.timestamp()).isEqualTo(1418217625L);
            assertThat(regin.feed()).isEqualTo("circl");
            assertThat(regin.origin()).isEqualTo("misp " + server.url() + " event " + REGIN);
            assertThat(regin.event().get("info").asText()).isEqualTo("OSINT - F-Secure W32/Regin, Stage #1");
            assertThat(regin.event().has("Attribute")).isTrue();
            assertThat(regin.event().has("Event")).as("the body is the content of Event").isFalse();
        }
    }

    @Test
    void pagesOfTwoBringEveryEventInSeveralRequests() throws Exception {
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "pageSize=2"), goodKey())) {
            assertThat(route.poll()).isEqualTo(7);

            assertThat(route.receivedUuids()).hasSize(7).doesNotHaveDuplicates();
            assertThat(server.searches()).extracting(q -> q.get("page").asInt()).containsExactly(1, 2, 3, 4);
            assertThat(server.searches()).allSatisfy(q -> {
                assertThat(q.get("limit").asInt()).isEqualTo(2);
                assertThat(q.get("returnFormat").asText()).isEqualTo("json");
                assertThat(q.has("timestamp")).as("no checkpoint and no since: everything").isFalse();
            });
        }
    }

    @Test
    void tagsWithNegationPublishedAndOrderAreSentAsMispFilters() throws Exception {
        String options = "tags=tlp:white,!circl:incident-classification=\"malware\"&published=true&order=Event.timestamp ASC";
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, options), goodKey())) {
            route.poll();

            JsonNode query = server.searches().get(0);
            assertThat(query.get("tags").toString())
                    .isEqualTo("{\"OR\":[\"tlp:white\"],\"NOT\":[\"circl:incident-classification=\\\"malware\\\"\"]}");
            assertThat(query.get("published").asBoolean()).isTrue();
            assertThat(query.get("order").asText()).isEqualTo("Event.timestamp ASC");
            // tlp:white and published, minus xorist (circl:incident-classification="malware"); pubg is unpublished
            assertThat(route.receivedUuids()).containsExactlyInAnyOrder(ASERT, SAMSAM);
        }
    }

    @Test
    void eventIdsOrgAndThreatLevelNarrowTheSearch() throws Exception {
        try (MispRouteHarness ids = new MispRouteHarness(
                restUri(server, state, "eventIds=" + REGIN + "," + PUBG), goodKey())) {
            ids.poll();
            assertThat(ids.receivedUuids()).containsExactlyInAnyOrder(REGIN, PUBG);
        }
        try (MispRouteHarness org = new MispRouteHarness(
                restUri(server, state.resolve("org"), "org=Synovus Financial&threatLevel=3"), goodKey())) {
            org.poll();
            assertThat(org.receivedUuids()).containsExactly(URSNIF);
            assertThat(server.searches().get(1).get("threat_level_id").asInt()).isEqualTo(3);
        }
    }

    @Test
    void sinceStartsFromAnIsoDateWhenThereIsNoCheckpoint() throws Exception {
        try (MispRouteHarness route = new MispRouteHarness(restUri(server, state, "since=2019-01-01"), goodKey())) {
            route.poll();

            assertThat(server.searches().get(0).get("timestamp").asLong()).isEqualTo(1546300800L);
            assertThat(route.receivedUuids()).containsExactlyInAnyOrder(ADD_RESPONSE, SAMSAM, PUBG);
        }
    }
}

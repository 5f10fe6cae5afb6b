package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static io.ctiflow.misp.MispMessages.received;
import static io.ctiflow.misp.MispMessages.uuids;
import static io.ctiflow.misp.MispSamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MispConsumerDeliveryTest extends MispServerTestSupport {

    @Test
    void everyEventIsDeliveredOnceWithItsHeadersByTheScheduledPoll() throws Exception {
        String uri = "misp:circl?url=" + server.url() + "&apiKey={{misp.key}}&checkpointDir=" + state
                + "&startScheduler=true&initialDelay=0&delay=50";
        withProperties(goodKey());
        MockEndpoint route = consume("route", uri);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(route).size() == EVENTS.length);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.searches().size() >= 3);

        assertThat(uuids(route)).containsExactlyInAnyOrder(URSNIF, REGIN, ADD_RESPONSE, ASERT, SAMSAM,
                XORIST, PUBG);
        MispMessages.Received regin = received(route).stream().filter(r -> r.uuid().equals(REGIN))
                .findFirst().orElseThrow();
        assertThat(regin.timestamp()).isEqualTo(1418217625L);
        assertThat(regin.feed()).isEqualTo("circl");
        assertThat(regin.origin()).isEqualTo("misp " + server.url() + " event " + REGIN);
        assertThat(regin.event().get("info").asText()).isEqualTo("OSINT - F-Secure W32/Regin, Stage #1");
        assertThat(regin.event().has("Attribute")).isTrue();
        assertThat(regin.event().has("Event")).as("the body is the content of Event").isFalse();
    }

    @Test
    void pagesOfTwoBringEveryEventInSeveralRequests() throws Exception {
        withProperties(goodKey());
        MockEndpoint route = consume("route", restUri(server, state, "pageSize=2"));
        assertThat(poll("route").messages()).isEqualTo(7);

        assertThat(uuids(route)).hasSize(7).doesNotHaveDuplicates();
        assertThat(server.searches()).extracting(q -> q.get("page").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(server.searches()).allSatisfy(q -> {
            assertThat(q.get("limit").asInt()).isEqualTo(2);
            assertThat(q.get("returnFormat").asText()).isEqualTo("json");
            assertThat(q.has("timestamp")).as("no checkpoint and no since: everything").isFalse();
        });
    }

    @Test
    void tagsWithNegationPublishedAndOrderAreSentAsMispFilters() throws Exception {
        String options = "tags=tlp:white,!circl:incident-classification=\"malware\"&published=true&order=Event.timestamp ASC";
        withProperties(goodKey());
        MockEndpoint route = consume("route", restUri(server, state, options));
        assertThat(poll("route").error()).isNull();

        JsonNode query = server.searches().get(0);
        assertThat(query.get("tags").toString())
                .isEqualTo("{\"OR\":[\"tlp:white\"],\"NOT\":[\"circl:incident-classification=\\\"malware\\\"\"]}");
        assertThat(query.get("published").asBoolean()).isTrue();
        assertThat(query.get("order").asText()).isEqualTo("Event.timestamp ASC");
        // tlp:white and published, minus xorist (circl:incident-classification="malware"); pubg is unpublished
        assertThat(uuids(route)).containsExactlyInAnyOrder(ASERT, SAMSAM);
    }

    @Test
    void eventIdsOrgAndThreatLevelNarrowTheSearch() throws Exception {
        withProperties(goodKey());
        MockEndpoint ids = consume("ids", restUri(server, state, "eventIds=" + REGIN + "," + PUBG));
        assertThat(poll("ids").error()).isNull();
        assertThat(uuids(ids)).containsExactlyInAnyOrder(REGIN, PUBG);
        stopAndRemove("ids"); // ctiflow stopped, started again with another configuration
        withProperties(goodKey());
        MockEndpoint org = consume("org", restUri(server, state.resolve("org"), "org=Synovus Financial&threatLevel=3"));
        assertThat(poll("org").error()).isNull();
        assertThat(uuids(org)).containsExactly(URSNIF);
        assertThat(server.searches().get(1).get("threat_level_id").asInt()).isEqualTo(3);
    }

    @Test
    void sinceStartsFromAnIsoDateWhenThereIsNoCheckpoint() throws Exception {
        withProperties(goodKey());
        MockEndpoint route = consume("route", restUri(server, state, "since=2019-01-01"));
        assertThat(poll("route").error()).isNull();

        assertThat(server.searches().get(0).get("timestamp").asLong()).isEqualTo(1546300800L);
        assertThat(uuids(route)).containsExactlyInAnyOrder(ADD_RESPONSE, SAMSAM, PUBG);
    }
}

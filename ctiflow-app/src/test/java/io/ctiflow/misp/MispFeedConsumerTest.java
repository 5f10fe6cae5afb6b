package io.ctiflow.misp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static io.ctiflow.misp.MispMessages.received;
import static io.ctiflow.misp.MispMessages.uuids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MispFeedConsumerTest extends PollingConsumerTestSupport {

    private static final List<String> CHROME_EVENTS = List.of("14d81e68-c68b-5dd2-a7b3-6af53e7bdf58",
            "248ce935-7bbb-5d0d-9e0b-b9d14c99fb2e", "3f3ea128-2608-55f8-bd81-78a12a88706e",
            "4716c901-01a3-58c6-813c-5745f2376069", "6c8b14cf-2988-5588-b411-faa40883ea8f",
            "f947d4ae-77a5-547a-b541-6cb74add70fd");
    private static final String TESTSUITE_EVENT = "56bf399d-c46c-4fdb-a9cf-d9bb02de0b81";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;
    @TempDir
    Path feedDir;

    private MispTestServer server;
    private String feedUrl;

    @Override
    protected void setupResources() throws IOException {
        server = MispTestServer.start();
        copy("feed-chrome-mal-ids", feedDir, "manifest.json", "hashes.csv");
        for (String uuid : CHROME_EVENTS) {
            copy("feed-chrome-mal-ids", feedDir, uuid + ".json");
        }
        feedUrl = server.serveFeed("chrome-mal-ids", feedDir);
    }

    @Override
    protected void cleanupResources() {
        server.close();
    }

    private static void copy(String feed, Path dir, String... names) throws IOException {
        for (String name : names) {
            try (InputStream in = MispFeedConsumerTest.class.getResourceAsStream("/data/misp/" + feed + "/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    private String uri(String name, String url, String options) {
        return "misp-feed:" + name + "?url=" + url + "&checkpointDir=" + state
                + "&backoff=10"
                + (options.isEmpty() ? "" : "&" + options);
    }

    @Test
    void everyFeedEventIsDeliveredOnceOldestFirstWithItsHeaders() throws Exception {
        MockEndpoint route = consume("route", uri("chrome", feedUrl, ""));
        assertThat(poll("route").messages()).isEqualTo(6);

        assertThat(uuids(route)).containsExactlyInAnyOrderElementsOf(CHROME_EVENTS);
        assertThat(received(route)).extracting(MispMessages.Received::timestamp).isSorted();
        MispMessages.Received first = received(route).get(0);
        assertThat(first.feed()).isEqualTo("chrome");
        assertThat(first.origin()).isEqualTo("misp-feed " + feedUrl + " event " + first.uuid());
        assertThat(first.event().get("uuid").asText()).isEqualTo(first.uuid());
        assertThat(first.event().has("Attribute")).isTrue();
        assertThat(first.hashCount()).as("this feed's hashes.csv lists file checksums, not MISP's format").isNull();
    }

    @Test
    void theConversionOptionsOfTheSourceTravelAsHeaders() throws Exception {
        MockEndpoint plain = consume("plain", uri("chrome", feedUrl, ""));
        poll("plain");
        assertThat(plain.getExchanges().get(0).getIn().getHeader(MispConstants.OBSERVED_DATA, Boolean.class)).isFalse();
        assertThat(plain.getExchanges().get(0).getIn().getHeader(MispConstants.BINARIES, Boolean.class)).isFalse();
        MockEndpoint both = consume("both", uri("chrome2", feedUrl, "observedData=true&binaries=true"));
        poll("both");
        assertThat(both.getExchanges().get(0).getIn().getHeader(MispConstants.OBSERVED_DATA, Boolean.class)).isTrue();
        assertThat(both.getExchanges().get(0).getIn().getHeader(MispConstants.BINARIES, Boolean.class)).isTrue();
    }

    @Test
    void onlyNewOrChangedManifestEntriesAreFetchedAgain() throws Exception {
        MockEndpoint route = consume("route", uri("chrome", feedUrl, ""));
        assertThat(poll("route").error()).isNull();
        int before = server.paths().size();

        assertThat(poll("route").messages()).isZero();
        assertThat(server.paths().subList(before, server.paths().size()))
                .containsExactly("/feeds/chrome-mal-ids/manifest.json");

        String changed = CHROME_EVENTS.get(2);
        ObjectNode manifest = (ObjectNode) JSON.readTree(feedDir.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.get(changed)).put("timestamp", "1900000000");
        JSON.writeValue(feedDir.resolve("manifest.json").toFile(), manifest);
        before = server.paths().size();

        assertThat(poll("route").messages()).isEqualTo(1);
        assertThat(uuids(route)).hasSize(7).endsWith(changed);
        assertThat(server.paths().subList(before, server.paths().size())).containsExactly(
                "/feeds/chrome-mal-ids/manifest.json", "/feeds/chrome-mal-ids/hashes.csv",
                "/feeds/chrome-mal-ids/" + changed + ".json");
        assertThat(((MispFeedConsumer) routeConsumer("route")).checkpoint()).containsEntry(changed, 1900000000L)
                .hasSize(6);
    }

    @Test
    void aFeedFolderIsReadAndMispHashesAreCounted() throws Exception {
        Path testsuite = Files.createDirectory(feedDir.resolve("testsuite"));
        copy("feed-misp-testsuite", testsuite, "manifest.json", "hashes.csv", TESTSUITE_EVENT + ".json");
        MockEndpoint route = consume("route", uri("misp-tests", testsuite.toString(), ""));
        assertThat(poll("route").messages()).isEqualTo(1);
        MispMessages.Received event = received(route).get(0);
        assertThat(event.uuid()).isEqualTo(TESTSUITE_EVENT);
        assertThat(event.timestamp()).isEqualTo(1455373240L);
        assertThat(event.hashCount()).isEqualTo(1);
        assertThat(event.event().get("info").asText()).isEqualTo("OSINT - Hunting for Malware with Machine Learning");
        assertThat(poll("route").messages()).isZero();
        assertThat(state.resolve("misp-feed.misp-tests.json")).content().contains(TESTSUITE_EVENT, "1455373240");
    }

    @Test
    void theFeedCheckpointSurvivesARestart() throws Exception {
        MockEndpoint first = consume("first", uri("chrome", feedUrl, ""));
        assertThat(poll("first").error()).isNull();
        Object firstEndpoint = routeConsumer("first").getEndpoint();
        stopAndRemove("first"); // ctiflow stopped, started again with another configuration
        MockEndpoint second = consume("second", uri("chrome", feedUrl, ""));
        assertThat(routeConsumer("second").getEndpoint()).isNotSameAs(firstEndpoint);
        assertThat(poll("second").messages()).isZero();
        assertThat(received(second)).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedAndAMissingEventFileWaitsForTheNextPoll() throws Exception {
        String missing = CHROME_EVENTS.get(0);
        Path moved = Files.move(feedDir.resolve(missing + ".json"), state.resolve("aside.json"));
        server.failNext(1, 502);
        MockEndpoint route = consume("route", uri("chrome", feedUrl, ""));
        assertThat(poll("route").messages()).isEqualTo(5);
        assertThat(reported()).singleElement().satisfies(e -> assertThat(e)
                .isInstanceOf(MispNotFoundException.class).hasMessageContaining(missing + ".json"));
        assertThat(((MispFeedConsumer) routeConsumer("route")).checkpoint()).hasSize(5).doesNotContainKey(missing);

        Files.move(moved, feedDir.resolve(missing + ".json"));
        assertThat(poll("route").messages()).isEqualTo(1);
        assertThat(uuids(route)).endsWith(missing);
    }

    @Test
    void anUnreachableFeedOrBrokenManifestFailsThePollAndKeepsTheCheckpoint() throws Exception {
        failExchangesWhere(e -> Set.of(CHROME_EVENTS.get(5)).contains(e.getIn().getHeader(MispConstants.EVENT_UUID, String.class)));
        MockEndpoint route = consume("route", uri("chrome", feedUrl, "maxRetries=1"));
        assertThat(poll("route").messages()).isEqualTo(5);
        var checkpoint = ((MispFeedConsumer) routeConsumer("route")).checkpoint();
        assertThat(checkpoint).hasSize(5).doesNotContainKey(CHROME_EVENTS.get(5));

        server.failNext(2, 500);
        assertThat(poll("route").error()).isInstanceOf(MispUnavailableException.class)
                .hasMessage("MISP at " + feedUrl + " failed GET manifest.json after 2 attempts: HTTP 500 (error)");

        Files.writeString(feedDir.resolve("manifest.json"), "{\"not-a-uuid\": {}}");
        assertThat(poll("route").error()).hasMessage("invalid MISP feed manifest " + feedUrl
                + "/manifest.json: key 'not-a-uuid' is not an event uuid");
        assertThat(((MispFeedConsumer) routeConsumer("route")).checkpoint()).isEqualTo(checkpoint);
    }
}

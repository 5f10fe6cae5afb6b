package io.ctiflow.connectors.otx;

import org.apache.camel.Endpoint;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.ctiflow.connectors.otx.OtxMessages.ids;
import static io.ctiflow.connectors.otx.OtxMessages.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The otx: consumer against an OTX test server on 127.0.0.1 serving the real sample pulses. */
class OtxConsumerTest extends PollingConsumerTestSupport {

    /** The 5 sample pulses, newest modified first (as OTX pages them). */
    private static final List<String> NEWEST_FIRST = List.of("5942175dd78f563d01abc79c", "581b9aef324bc542d6b1fd84",
            "581916f4aa96ef71368c8e47", "55e6bfb14637f22cb605746e", "55e557fa4637f21c54c1bb0d");
    private static final Instant NEWEST = Instant.parse("2017-06-15T05:17:12.187Z");

    @TempDir
    Path state;

    private OtxTestServer server;

    @Override
    protected void setupResources() {
        server = OtxTestServer.start();
    }

    @Override
    protected void cleanupResources() {
        server.close();
    }

    private String uri(String key, String extra) {
        return "otx:subscribed?url=" + server.url() + "&apiKey=RAW(" + key + ")&pageSize=2&checkpointDir=" + state
                + "&backoff=10" + extra;
    }

    private OtxConsumer otxConsumer() {
        return (OtxConsumer) routeConsumer("otx");
    }

    private Path checkpointFile() {
        return state.resolve("otx.subscribed.json");
    }

    @Test
    void pagesAreFollowedByNextWithoutLossOrDuplicatesAndTheCheckpointIsTheNewestPulse() throws Exception {
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, ""));
        assertThat(poll("otx").messages()).isEqualTo(5);
        assertThat(ids(otx)).containsExactlyElementsOf(NEWEST_FIRST);
        OtxMessages.Received first = received(otx).get(0);
        assertThat(first.feed()).isEqualTo("subscribed");
        assertThat(first.origin()).isEqualTo("otx " + server.url() + " pulse 5942175dd78f563d01abc79c");
        assertThat(first.modified()).isEqualTo("2017-06-15T05:17:12.187000");
        assertThat(first.pulse().path("indicators")).hasSize(4);
        assertThat(server.requests()).extracting(r -> r.query().get("page")).containsExactly("1", "2", "3");
        assertThat(server.requests()).allSatisfy(r -> {
            assertThat(r.apiKey()).isEqualTo(OtxTestServer.API_KEY);
            assertThat(r.query()).containsEntry("limit", "2").doesNotContainKey("modified_since");
        });
        OtxConsumer.Checkpoint cp = otxConsumer().checkpoint();
        assertThat(cp.modified()).isEqualTo(NEWEST);
        assertThat(cp.ids()).containsExactly("5942175dd78f563d01abc79c");
        assertThat(reported()).isEmpty();
    }

    @Test
    void aRestartResumesFromTheCheckpointWithOnlyWhatChanged() throws Exception {
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, "&endpoint=activity"));
        assertThat(poll("otx").messages()).isEqualTo(5);
        assertThat(checkpointFile()).exists();
        // after the restart: one pulse edited, one new pulse sharing the checkpoint's instant (must not be lost)
        server.put(server.copy("581b9aef324bc542d6b1fd84", "581b9aef324bc542d6b1fd84", "2018-01-02T03:04:05.000000"));
        server.put(server.copy("55e557fa4637f21c54c1bb0d", "5942175dd78f563d01abc7ff", "2017-06-15T05:17:12.187000"));
        int before = server.requests().size();
        stopAndRemove("otx"); // ctiflow stopped, started again with another configuration
        otx = consume("otx", uri(OtxTestServer.API_KEY, "&endpoint=activity"));
        assertThat(poll("otx").messages()).isEqualTo(2);
        assertThat(ids(otx)).containsExactly("581b9aef324bc542d6b1fd84", "5942175dd78f563d01abc7ff");
        assertThat(server.requests().get(before).path()).isEqualTo("/api/v1/pulses/activity");
        assertThat(server.requests().get(before).query()).containsEntry("modified_since", "2017-06-15T05:17:12.187000");
        assertThat(otxConsumer().checkpoint().modified()).isEqualTo(Instant.parse("2018-01-02T03:04:05Z"));
        assertThat(poll("otx").messages()).as("nothing new").isZero();
        assertThat(ids(otx)).hasSize(2);
    }

    @Test
    void anUnchangedAnswerIsA304WhenTheServerSendsAnEtag() throws Exception {
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, ""));
        assertThat(poll("otx").messages()).isEqualTo(5);
        assertThat(poll("otx").messages()).as("the newest pulse again (modified_since is inclusive), skipped").isZero();
        String saved = Files.readString(checkpointFile());
        assertThat(saved).contains("\"etag\"");
        assertThat(poll("otx").messages()).isZero();
        OtxTestServer.Request last = server.requests().get(server.requests().size() - 1);
        assertThat(last.ifNoneMatch()).as(saved + " / " + server.requests()).isNotNull();
        assertThat(last.status()).isEqualTo(304);
        assertThat(Files.readString(checkpointFile())).isEqualTo(saved);
        assertThat(ids(otx)).hasSize(5);
        stopAndRemove("otx"); // ctiflow stopped, started again with another configuration
        otx = consume("otx", uri(OtxTestServer.API_KEY, "&conditional=false"));
        assertThat(poll("otx").messages()).isZero();
        assertThat(server.requests().get(server.requests().size() - 1).ifNoneMatch()).isNull();
    }

    @Test
    void aRejectedKeyIsAClearErrorThatNeverShowsTheKey() throws Exception {
        String wrong = "wrong-key-77c1d5d6916a9ce925f7";
        MockEndpoint otx = consume("otx", uri(wrong, ""));
        assertThat(poll("otx").error()).isInstanceOf(OtxAuthenticationException.class)
                .hasMessageContaining("rejected the API key (HTTP 403)").hasMessageContaining("page 1")
                .hasMessageContaining(server.url()).hasMessageNotContaining(wrong);
        for (Endpoint e : context.getEndpoints()) {
            assertThat(e.toString()).doesNotContain(wrong);
        }
        assertThat(context.getEndpoints().stream().filter(OtxEndpoint.class::isInstance).findFirst().orElseThrow().toString()).contains("apiKey=xxxxxx");
        stopAndRemove("otx"); // ctiflow stopped, started again with another configuration
        otx = consume("otx", uri("", ""));
        assertThat(poll("otx").error()).isInstanceOf(OtxAuthenticationException.class).hasMessageContaining("HTTP 401");
        assertThat(server.requests()).hasSize(2);
        assertThat(checkpointFile()).doesNotExist();
    }

    @Test
    void throttlingAndServerErrorsAreRetriedHonouringRetryAfter() throws Exception {
        server.fail("429", "500", "ok", "500");
        long start = System.nanoTime();
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, ""));
        assertThat(poll("otx").messages()).isEqualTo(5);
        assertThat(ids(otx)).containsExactlyElementsOf(NEWEST_FIRST);
        assertThat((System.nanoTime() - start) / 1_000_000).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(1000);
        assertThat(server.requests()).extracting(OtxTestServer.Request::status).containsExactly(429, 500, 200, 500, 200, 200);
    }

    @Test
    void retriesUsedUpFailThePollNamingUrlAndPageWithTheCheckpointUnchanged() throws Exception {
        server.fail("ok", "500", "500");
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, "&maxRetries=1"));
        assertThat(poll("otx").error()).isInstanceOf(OtxException.class)
                .hasMessageContaining("page 2").hasMessageContaining("page=2")
                .hasMessageContaining("failed after 2 attempts").hasMessageContaining("HTTP 500");
        assertThat(checkpointFile()).doesNotExist();
    }

    @Test
    void anHtmlPageIsAClearErrorAndTheNextPollDeliversEverything() throws Exception {
        server.fail("ok", "html");
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, ""));
        assertThat(poll("otx").error()).isInstanceOf(OtxException.class)
                .hasMessageContaining(server.url() + "/api/v1/pulses/subscribed?").hasMessageContaining("(page 2)")
                .hasMessageContaining("not valid JSON").hasMessageContaining("<!DOCTYPE html>");
        assertThat(checkpointFile()).doesNotExist();
        assertThat(poll("otx").messages()).isEqualTo(5);
        assertThat(ids(otx)).as("page 1 came twice (at least once), nothing lost")
                .hasSize(7).containsAll(NEWEST_FIRST);
        assertThat(otxConsumer().checkpoint().modified()).isEqualTo(NEWEST);
    }

    @Test
    void aTruncatedPageLeavesTheCheckpointAsItWas() throws Exception {
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, ""));
        assertThat(poll("otx").error()).isNull();
        byte[] saved = Files.readAllBytes(checkpointFile());
        server.put(server.copy("581b9aef324bc542d6b1fd84", "6000000000000000000000aa", "2019-05-05T05:05:05.500000"));
        server.fail("truncated");
        assertThat(poll("otx").error()).isInstanceOf(OtxException.class).hasMessageContaining("not valid JSON")
                .hasMessageContaining("(page 1)").hasMessageContaining("modified_since=");
        assertThat(Files.readAllBytes(checkpointFile())).isEqualTo(saved);
        assertThat(poll("otx").messages()).isEqualTo(1);
        assertThat(ids(otx)).endsWith("6000000000000000000000aa");
    }

    @Test
    void aFailedPulseHoldsTheCheckpointBelowItAndComesAgain() throws Exception {
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, ""));
        failExchangesWhere(e -> "581916f4aa96ef71368c8e47".equals(e.getIn().getHeader(OtxConstants.PULSE_ID))); // modified 2016-11-01T22:28:25.492
        assertThat(poll("otx").messages()).isEqualTo(4);
        assertThat(reported()).hasSize(1);
        OtxConsumer.Checkpoint cp = otxConsumer().checkpoint();
        assertThat(cp.modified()).isEqualTo(Instant.parse("2015-09-02T09:22:22.976Z"));
        assertThat(cp.etag()).as("no ETag while a pulse is pending").isNull();
        failExchangesWhere(e -> false);
        assertThat(poll("otx").messages()).as("the failed pulse and the two newer ones again").isEqualTo(3);
        assertThat(ids(otx)).containsOnlyOnce("581916f4aa96ef71368c8e47").containsAll(NEWEST_FIRST);
        assertThat(otxConsumer().checkpoint().modified()).isEqualTo(NEWEST);
    }

    @Test
    void sinceStartsTheFirstPollAndBadOptionsFailAtStart() throws Exception {
        MockEndpoint otx = consume("otx", uri(OtxTestServer.API_KEY, "&since=2016-11-02"));
        assertThat(poll("otx").messages()).isEqualTo(2);
        assertThat(server.requests().get(0).query()).containsEntry("modified_since", "2016-11-02T00:00:00.000000");
        assertThatThrownBy(() -> consume("everything", uri(OtxTestServer.API_KEY, "&endpoint=everything"))).hasStackTraceContaining("endpoint must be subscribed or activity");
        assertThatThrownBy(() -> consume("yesterday", uri(OtxTestServer.API_KEY, "&since=yesterday"))).hasStackTraceContaining("not an ISO-8601 date");
    }
}

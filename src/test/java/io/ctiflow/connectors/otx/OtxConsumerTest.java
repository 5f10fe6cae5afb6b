package io.ctiflow.connectors.otx;

import org.apache.camel.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The otx: consumer against an OTX test server on 127.0.0.1 serving the real sample pulses. */
class OtxConsumerTest {

    /** The 5 sample pulses, newest modified first (as OTX pages them). */
    private static final List<String> NEWEST_FIRST = List.of("5942175dd78f563d01abc79c", "581b9aef324bc542d6b1fd84",
            "581916f4aa96ef71368c8e47", "55e6bfb14637f22cb605746e", "55e557fa4637f21c54c1bb0d");
    private static final Instant NEWEST = Instant.parse("2017-06-15T05:17:12.187Z");

    @TempDir
    Path state;

    private final OtxTestServer server = OtxTestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private String uri(String key, String extra) {
        return "otx:subscribed?url=" + server.url() + "&apiKey=RAW(" + key + ")&pageSize=2&checkpointDir=" + state
                + "&startScheduler=false&backoff=10&exceptionHandler=#recordingExceptionHandler" + extra;
    }

    private OtxRouteHarness harness(String extra) throws Exception {
        return new OtxRouteHarness(uri(OtxTestServer.API_KEY, extra));
    }

    private Path checkpointFile() {
        return state.resolve("otx.subscribed.json");
    }

    @Test
    void pagesAreFollowedByNextWithoutLossOrDuplicatesAndTheCheckpointIsTheNewestPulse() throws Exception {
        try (OtxRouteHarness otx = harness("")) {
            assertThat(otx.poll()).isEqualTo(5);
            assertThat(otx.receivedIds()).containsExactlyElementsOf(NEWEST_FIRST);
            OtxRouteHarness.Received first = otx.received().get(0);
            assertThat(first.feed()).isEqualTo("subscribed");
            assertThat(first.origin()).isEqualTo("otx " + server.url() + " pulse 5942175dd78f563d01abc79c");
            assertThat(first.modified()).isEqualTo("2017-06-15T05:17:12.187000");
            assertThat(first.pulse().path("indicators")).hasSize(4);
            assertThat(server.requests()).extracting(r -> r.query().get("page")).containsExactly("1", "2", "3");
            assertThat(server.requests()).allSatisfy(r -> {
                assertThat(r.apiKey()).isEqualTo(OtxTestServer.API_KEY);
                assertThat(r.query()).containsEntry("limit", "2").doesNotContainKey("modified_since");
            });
            OtxConsumer.Checkpoint cp = otx.consumer().checkpoint();
            assertThat(cp.modified()).isEqualTo(NEWEST);
            assertThat(cp.ids()).containsExactly("5942175dd78f563d01abc79c");
            assertThat(otx.reported()).isEmpty();
        }
    }

    @Test
    void aRestartResumesFromTheCheckpointWithOnlyWhatChanged() throws Exception {
        try (OtxRouteHarness otx = harness("&endpoint=activity")) {
            assertThat(otx.poll()).isEqualTo(5);
        }
        assertThat(checkpointFile()).exists();
        // after the restart: one pulse edited, one new pulse sharing the checkpoint's instant (must not be lost)
        server.put(server.copy("581b9aef324bc542d6b1fd84", "581b9aef324bc542d6b1fd84", "2018-01-02T03:04:05.000000"));
        server.put(server.copy("55e557fa4637f21c54c1bb0d", "5942175dd78f563d01abc7ff", "2017-06-15T05:17:12.187000"));
        int before = server.requests().size();
        try (OtxRouteHarness otx = harness("&endpoint=activity")) {
            assertThat(otx.poll()).isEqualTo(2);
            assertThat(otx.receivedIds()).containsExactly("581b9aef324bc542d6b1fd84", "5942175dd78f563d01abc7ff");
            assertThat(server.requests().get(before).path()).isEqualTo("/api/v1/pulses/activity");
            assertThat(server.requests().get(before).query()).containsEntry("modified_since", "2017-06-15T05:17:12.187000");
            assertThat(otx.consumer().checkpoint().modified()).isEqualTo(Instant.parse("2018-01-02T03:04:05Z"));
            assertThat(otx.poll()).as("nothing new").isZero();
            assertThat(otx.receivedIds()).hasSize(2);
        }
    }

    @Test
    void anUnchangedAnswerIsA304WhenTheServerSendsAnEtag() throws Exception {
        try (OtxRouteHarness otx = harness("")) {
            assertThat(otx.poll()).isEqualTo(5);
            assertThat(otx.poll()).as("the newest pulse again (modified_since is inclusive), skipped").isZero();
            String saved = Files.readString(checkpointFile());
            assertThat(saved).contains("\"etag\"");
            assertThat(otx.poll()).isZero();
            OtxTestServer.Request last = server.requests().get(server.requests().size() - 1);
            assertThat(last.ifNoneMatch()).as(saved + " / " + server.requests()).isNotNull();
            assertThat(last.status()).isEqualTo(304);
            assertThat(Files.readString(checkpointFile())).isEqualTo(saved);
            assertThat(otx.receivedIds()).hasSize(5);
        }
        try (OtxRouteHarness otx = harness("&conditional=false")) {
            assertThat(otx.poll()).isZero();
            assertThat(server.requests().get(server.requests().size() - 1).ifNoneMatch()).isNull();
        }
    }

    @Test
    void aRejectedKeyIsAClearErrorThatNeverShowsTheKey() throws Exception {
        String wrong = "wrong-key-77c1d5d6916a9ce925f7";
        try (OtxRouteHarness otx = new OtxRouteHarness(uri(wrong, ""))) {
            assertThatThrownBy(otx::poll).isInstanceOf(OtxAuthenticationException.class)
                    .hasMessageContaining("rejected the API key (HTTP 403)").hasMessageContaining("page 1")
                    .hasMessageContaining(server.url()).hasMessageNotContaining(wrong);
            for (Endpoint e : otx.context().getEndpoints()) {
                assertThat(e.toString()).doesNotContain(wrong);
            }
            assertThat(otx.context().getEndpoints().iterator().next().toString()).contains("apiKey=xxxxxx");
        }
        try (OtxRouteHarness otx = new OtxRouteHarness(uri("", ""))) {
            assertThatThrownBy(otx::poll).isInstanceOf(OtxAuthenticationException.class).hasMessageContaining("HTTP 401");
        }
        assertThat(server.requests()).hasSize(2);
        assertThat(checkpointFile()).doesNotExist();
    }

    @Test
    void throttlingAndServerErrorsAreRetriedHonouringRetryAfter() throws Exception {
        server.fail("429", "500", "ok", "500");
        long start = System.nanoTime();
        try (OtxRouteHarness otx = harness("")) {
            assertThat(otx.poll()).isEqualTo(5);
            assertThat(otx.receivedIds()).containsExactlyElementsOf(NEWEST_FIRST);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(1000);
        assertThat(server.requests()).extracting(OtxTestServer.Request::status).containsExactly(429, 500, 200, 500, 200, 200);
    }

    @Test
    void retriesUsedUpFailThePollNamingUrlAndPageWithTheCheckpointUnchanged() throws Exception {
        server.fail("ok", "500", "500");
        try (OtxRouteHarness otx = harness("&maxRetries=1")) {
            assertThatThrownBy(otx::poll).isInstanceOf(OtxException.class)
                    .hasMessageContaining("page 2").hasMessageContaining("page=2")
                    .hasMessageContaining("failed after 2 attempts").hasMessageContaining("HTTP 500");
        }
        assertThat(checkpointFile()).doesNotExist();
    }

    @Test
    void anHtmlPageIsAClearErrorAndTheNextPollDeliversEverything() throws Exception {
        server.fail("ok", "html");
        try (OtxRouteHarness otx = harness("")) {
            assertThatThrownBy(otx::poll).isInstanceOf(OtxException.class)
                    .hasMessageContaining(server.url() + "/api/v1/pulses/subscribed?").hasMessageContaining("(page 2)")
                    .hasMessageContaining("not valid JSON").hasMessageContaining("<!DOCTYPE html>");
            assertThat(checkpointFile()).doesNotExist();
            assertThat(otx.poll()).isEqualTo(5);
            assertThat(otx.receivedIds()).as("page 1 came twice (at least once), nothing lost")
                    .hasSize(7).containsAll(NEWEST_FIRST);
            assertThat(otx.consumer().checkpoint().modified()).isEqualTo(NEWEST);
        }
    }

    @Test
    void aTruncatedPageLeavesTheCheckpointAsItWas() throws Exception {
        try (OtxRouteHarness otx = harness("")) {
            otx.poll();
            byte[] saved = Files.readAllBytes(checkpointFile());
            server.put(server.copy("581b9aef324bc542d6b1fd84", "6000000000000000000000aa", "2019-05-05T05:05:05.500000"));
            server.fail("truncated");
            assertThatThrownBy(otx::poll).isInstanceOf(OtxException.class).hasMessageContaining("not valid JSON")
                    .hasMessageContaining("(page 1)").hasMessageContaining("modified_since=");
            assertThat(Files.readAllBytes(checkpointFile())).isEqualTo(saved);
            assertThat(otx.poll()).isEqualTo(1);
            assertThat(otx.receivedIds()).endsWith("6000000000000000000000aa");
        }
    }

    @Test
    void aFailedPulseHoldsTheCheckpointBelowItAndComesAgain() throws Exception {
        try (OtxRouteHarness otx = harness("")) {
            otx.failing.add("581916f4aa96ef71368c8e47"); // modified 2016-11-01T22:28:25.492
            assertThat(otx.poll()).isEqualTo(4);
            assertThat(otx.reported()).hasSize(1);
            OtxConsumer.Checkpoint cp = otx.consumer().checkpoint();
            assertThat(cp.modified()).isEqualTo(Instant.parse("2015-09-02T09:22:22.976Z"));
            assertThat(cp.etag()).as("no ETag while a pulse is pending").isNull();
            otx.failing.clear();
            assertThat(otx.poll()).as("the failed pulse and the two newer ones again").isEqualTo(3);
            assertThat(otx.receivedIds()).containsOnlyOnce("581916f4aa96ef71368c8e47").containsAll(NEWEST_FIRST);
            assertThat(otx.consumer().checkpoint().modified()).isEqualTo(NEWEST);
        }
    }

    @Test
    void sinceStartsTheFirstPollAndBadOptionsFailAtStart() throws Exception {
        try (OtxRouteHarness otx = harness("&since=2016-11-02")) {
            assertThat(otx.poll()).isEqualTo(2);
            assertThat(server.requests().get(0).query()).containsEntry("modified_since", "2016-11-02T00:00:00.000000");
        }
        assertThatThrownBy(() -> harness("&endpoint=everything").close()).hasStackTraceContaining("endpoint must be subscribed or activity");
        assertThatThrownBy(() -> harness("&since=yesterday").close()).hasStackTraceContaining("not an ISO-8601 date");
    }
}

package io.ctiflow.app;

import com.sun.net.httpserver.HttpServer;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ctiflow.app.RuntimeTestSupport.files;
import static io.ctiflow.app.RuntimeTestSupport.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The URLhaus HTTP route against a real HTTP server on 127.0.0.1 that fails once with 503 first. */
class UrlhausHttpRouteTest {

    @TempDir
    Path work;

    private HttpServer server;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void pullsTheFeedRetryingATransientFailure() throws Exception {
        byte[] feed = Files.readAllBytes(Path.of("src/test/resources/data/csv/urlhaus-recent-test-rows.csv"));
        AtomicInteger requests = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/downloads/csv_recent/", exchange -> {
            if (requests.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "text/csv");
                exchange.sendResponseHeaders(200, feed.length);
                exchange.getResponseBody().write(feed);
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/downloads/csv_recent/";

        main = RuntimeTestSupport.start(work, Map.of(
                "ctiflow.feeds.urlhaus.enabled", "true",
                "ctiflow.feeds.urlhaus.url", url,
                "ctiflow.feeds.urlhaus.period", "600000",
                "ctiflow.remote.retry.delay", "100"));

        await().atMost(Duration.ofSeconds(30)).until(() -> files(work.resolve("stix")).size() == 1);
        assertThat(requests.get()).isEqualTo(2);
        Path bundle = files(work.resolve("stix")).get(0);
        assertThat(bundle.getFileName().toString()).matches("urlhaus-urlhaus-\\d{8}T\\d{6}-00001\\.json");
        StixAssertions.assertValidBundle(Stix.mapper().readTree(bundle.toFile()), "urlhaus over http");
        await().atMost(Duration.ofSeconds(10)).until(() -> jsonLines(work.resolve("deadletter/urlhaus.jsonl")).size() == 4);
        assertThat(jsonLines(work.resolve("deadletter/failed-inputs.jsonl"))).isEmpty();
    }

    @Test
    void anUnreachableFeedIsRecordedAsAFailedInput() throws Exception {
        main = RuntimeTestSupport.start(work, Map.of(
                "ctiflow.feeds.urlhaus.enabled", "true",
                "ctiflow.feeds.urlhaus.url", "http://127.0.0.1:9/unreachable",
                "ctiflow.feeds.urlhaus.period", "600000",
                "ctiflow.remote.retries", "1",
                "ctiflow.remote.retry.delay", "50"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jsonLines(work.resolve("deadletter/failed-inputs.jsonl")).size() == 1);
        var failure = jsonLines(work.resolve("deadletter/failed-inputs.jsonl")).get(0);
        assertThat(failure.path("route").asText()).isEqualTo("urlhaus-http-to-stix-files");
        assertThat(failure.path("reason").asText()).containsIgnoringCase("connect");
        assertThat(files(work.resolve("stix"))).isEmpty();
    }
}

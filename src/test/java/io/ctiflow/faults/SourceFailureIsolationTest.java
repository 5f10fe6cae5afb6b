package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.app.RuntimeTestSupport;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.ctiflow.app.RuntimeTestSupport.drop;
import static io.ctiflow.app.RuntimeTestSupport.files;
import static io.ctiflow.app.RuntimeTestSupport.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The URLhaus HTTP source points at a server that answers 500 twice and then accepts requests
 * without ever answering: the source retries with growing delays (seen in the request times at
 * the server), gives up with a failed-input record naming the route and the reason, while the
 * inbox source of the same instance converts its file meanwhile.
 */
class SourceFailureIsolationTest {

    @TempDir
    Path work;

    private HttpServer server;
    private Main main;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (main != null) {
            main.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aFailingSourceIsRetriedWithBackOffWhileTheInboxKeepsFlowing() throws Exception {
        List<Long> requests = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool()); // a hanging answer must not hold up the next request
        server.createContext("/downloads/csv_recent/", exchange -> {
            requests.add(System.nanoTime());
            try {
                if (requests.size() <= 2) {
                    exchange.sendResponseHeaders(500, -1);
                } else {
                    release.await(30, TimeUnit.SECONDS); // accepted, never answered: ctiflow's response time-out ends it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();

        main = RuntimeTestSupport.start(work, Map.of(
                "ctiflow.feeds.urlhaus.enabled", "true",
                "ctiflow.feeds.urlhaus.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/downloads/csv_recent/",
                "ctiflow.feeds.urlhaus.period", "600000",
                "ctiflow.remote.retries", "3",
                "ctiflow.remote.retry.delay", "1000",
                "ctiflow.remote.timeout", "1000"));
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.size() >= 1);
        Path inbox = work.resolve("inbox");
        long dropped = System.nanoTime();
        drop(Path.of("src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv"), inbox, "feodotracker/ipblocklist.csv");

        // not RuntimeTestSupport.awaitInputs: it waits for nothing in flight, and the HTTP pull is in flight while it retries
        await().atMost(Duration.ofSeconds(30)).until(() -> files(inbox.resolve(".done")).size() == 1 || !failedInputs(work).isEmpty());
        long inboxDone = System.nanoTime();
        assertThat(files(work.resolve("stix"))).as("the inbox source kept producing bundles").isNotEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> failedInputs(work).size() == 1);
        assertThat(requests).as("first try and three retries").hasSize(4);
        assertThat(inboxDone).as("the inbox finished while the HTTP source was still retrying").isLessThan(requests.get(3));
        assertThat(dropped).isLessThan(requests.get(3));

        long[] gaps = new long[3];
        for (int i = 0; i < 3; i++) {
            gaps[i] = TimeUnit.NANOSECONDS.toMillis(requests.get(i + 1) - requests.get(i));
        }
        // back-off 1, 2, 4 s; the third gap also holds the 1 s response time-out
        assertThat(gaps[0]).as("gaps %s", java.util.Arrays.toString(gaps)).isBetween(950L, 2500L);
        assertThat(gaps[1]).as("gaps %s", java.util.Arrays.toString(gaps)).isGreaterThan(gaps[0] + 500).isGreaterThanOrEqualTo(1950L);
        assertThat(gaps[2]).as("gaps %s", java.util.Arrays.toString(gaps)).isGreaterThan(gaps[1] + 1000).isGreaterThanOrEqualTo(4900L);

        JsonNode failure = jsonLines(work.resolve("deadletter/failed-inputs.jsonl")).get(0);
        assertThat(failure.path("route").asText()).isEqualTo("urlhaus-http-to-stix-files");
        assertThat(failure.path("reason").asText()).containsIgnoringCase("timeout");
        assertThat(Files.exists(inbox.resolve(".failed"))).isFalse();
    }

    private static List<JsonNode> failedInputs(Path work) throws java.io.IOException {
        return jsonLines(work.resolve("deadletter/failed-inputs.jsonl"));
    }
}

package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.app.CtiflowRouteTestSupport;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
@CtiflowRouteTestSupport.TestProperties({"ctiflow.feeds.urlhaus.enabled", "true", "ctiflow.feeds.urlhaus.period", "600000",
        "ctiflow.remote.retries", "3", "ctiflow.remote.retry.delay", "1000", "ctiflow.remote.timeout", "1000"})
class SourceFailureIsolationTest extends CtiflowRouteTestSupport {

    private final List<Long> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    /** The feed server is up before the HTTP source's first poll. */
    @Override
    protected void setupResources() throws Exception {
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
    }

    @Override
    protected void cleanupResources() {
        release.countDown();
        server.stop(0);
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ctiflow.feeds.urlhaus.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/downloads/csv_recent/");
    }

    @Test
    void aFailingSourceIsRetriedWithBackOffWhileTheInboxKeepsFlowing() throws Exception {
        NotifyBuilder pullDone = whenDone("urlhaus-http-to-stix-files", 1);
        NotifyBuilder inboxDone = whenDone("csv-files-to-stix-files", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.size() >= 1);
        Path inbox = work.resolve("inbox");
        long dropped = System.nanoTime();
        drop(Path.of("ctiflow-app/src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv"), inbox, "feodotracker/ipblocklist.csv");

        assertDone(inboxDone);
        long inboxDoneAt = System.nanoTime();
        assertThat(files(inbox.resolve(".done"))).hasSize(1);
        assertThat(files(work.resolve("stix"))).as("the inbox source kept producing bundles").isNotEmpty();

        assertDone(pullDone);
        assertThat(failedInputs(work)).hasSize(1);
        assertThat(requests).as("first try and three retries").hasSize(4);
        assertThat(inboxDoneAt).as("the inbox finished while the HTTP source was still retrying").isLessThan(requests.get(3));
        assertThat(dropped).isLessThan(requests.get(3));

        long[] gaps = new long[3];
        for (int i = 0; i < 3; i++) {
            gaps[i] = TimeUnit.NANOSECONDS.toMillis(requests.get(i + 1) - requests.get(i));
        }
        // back-off 1, 2, 4 s; the third gap also holds the 1 s response time-out
        assertThat(gaps[0]).as("gaps %s", Arrays.toString(gaps)).isBetween(950L, 2500L);
        assertThat(gaps[1]).as("gaps %s", Arrays.toString(gaps)).isGreaterThan(gaps[0] + 500).isGreaterThanOrEqualTo(1950L);
        assertThat(gaps[2]).as("gaps %s", Arrays.toString(gaps)).isGreaterThan(gaps[1] + 1000).isGreaterThanOrEqualTo(4900L);

        JsonNode failure = jsonLines(work.resolve("deadletter/failed-inputs.jsonl")).get(0);
        assertThat(failure.path("route").asText()).isEqualTo("urlhaus-http-to-stix-files");
        assertThat(failure.path("reason").asText()).containsIgnoringCase("timeout");
        assertThat(Files.exists(inbox.resolve(".failed"))).isFalse();
    }

    private static List<JsonNode> failedInputs(Path work) throws IOException {
        return jsonLines(work.resolve("deadletter/failed-inputs.jsonl"));
    }
}

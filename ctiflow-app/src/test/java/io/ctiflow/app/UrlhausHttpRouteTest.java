package io.ctiflow.app;

import com.sun.net.httpserver.HttpServer;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ctiflow.app.RuntimeTestSupport.files;
import static io.ctiflow.app.RuntimeTestSupport.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;

/** The URLhaus HTTP route against a real HTTP server on 127.0.0.1 that fails once with 503 first. */
@CtiflowRouteTestSupport.TestProperties({"ctiflow.feeds.urlhaus.enabled", "true", "ctiflow.feeds.urlhaus.period", "600000"})
class UrlhausHttpRouteTest extends CtiflowRouteTestSupport {

    private static final String ROUTE = "urlhaus-http-to-stix-files";

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    /** The feed server runs before the route's first poll; it fails the first request with 503. */
    @Override
    protected void setupResources() throws Exception {
        byte[] feed = Files.readAllBytes(Path.of("ctiflow-app/src/test/resources/data/csv/urlhaus-recent-test-rows.csv"));
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
    }

    @Override
    protected void cleanupResources() {
        server.stop(0);
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ctiflow.feeds.urlhaus.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/downloads/csv_recent/");
    }

    /** The route is advised before the context starts: its timer becomes direct:urlhaus-poll, so a test polls exactly once, when it says. */
    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    private void poll() throws Exception {
        AdviceWith.adviceWith(context, ROUTE, route -> route.replaceFromWith("direct:urlhaus-poll"));
        context.start();
        template.sendBody("direct:urlhaus-poll", null);
    }

    @Test
    @TestProperties({"ctiflow.remote.retry.delay", "100"})
    void pullsTheFeedRetryingATransientFailure() throws Exception {
        poll();
        assertThat(files(work.resolve("stix"))).hasSize(1);
        assertThat(requests.get()).isEqualTo(2);
        Path bundle = files(work.resolve("stix")).get(0);
        assertThat(bundle.getFileName().toString()).matches("urlhaus-urlhaus-\\d{8}T\\d{6}-00001\\.json");
        StixAssertions.assertValidBundle(Stix.mapper().readTree(bundle.toFile()), "urlhaus over http");
        assertThat(jsonLines(work.resolve("deadletter/urlhaus.jsonl"))).hasSize(4);
        assertThat(jsonLines(work.resolve("deadletter/failed-inputs.jsonl"))).isEmpty();
    }

    @Test
    @TestProperties({"ctiflow.feeds.urlhaus.url", "http://127.0.0.1:9/unreachable", "ctiflow.remote.retries", "1", "ctiflow.remote.retry.delay", "50"})
    void anUnreachableFeedIsRecordedAsAFailedInput() throws Exception {
        poll();
        assertThat(jsonLines(work.resolve("deadletter/failed-inputs.jsonl"))).hasSize(1);
        var failure = jsonLines(work.resolve("deadletter/failed-inputs.jsonl")).get(0);
        assertThat(failure.path("route").asText()).isEqualTo("urlhaus-http-to-stix-files");
        assertThat(failure.path("reason").asText()).containsIgnoringCase("connect");
        assertThat(files(work.resolve("stix"))).isEmpty();
    }
}

package io.ctiflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.app.CtiflowRouteTestSupport;
import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows a source: the URLhaus HTTP route against a real HTTP server on 127.0.0.1 that
 * answers 500 goes DOWN after ctiflow.health.source-failures failed pulls (not after one) and UP
 * again after the first good pull; liveness stays UP throughout.
 */
@CtiflowRouteTestSupport.TestProperties({"ctiflow.feeds.urlhaus.enabled", "true", "ctiflow.feeds.urlhaus.period", "400",
        "ctiflow.remote.retries", "0", "ctiflow.health.source-failures", "3"})
class ReadinessTest extends CtiflowRouteTestSupport {

    private static final String SOURCE = "source:urlhaus-http-to-stix-files";

    private final AtomicBoolean healthy = new AtomicBoolean(false);
    private HttpServer server;

    /** The feed server answers 500 until the test makes it healthy. */
    @Override
    protected void setupResources() throws Exception {
        byte[] feed = Files.readAllBytes(Path.of("ctiflow-app/src/test/resources/data/csv/urlhaus-recent-test-rows.csv"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/downloads/csv_recent/", exchange -> {
            if (healthy.get()) {
                exchange.sendResponseHeaders(200, feed.length);
                exchange.getResponseBody().write(feed);
            } else {
                exchange.sendResponseHeaders(500, -1);
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
        Map<String, String> properties = new HashMap<>(OpsTestSupport.MANAGEMENT);
        properties.put("ctiflow.feeds.urlhaus.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/downloads/csv_recent/");
        return properties;
    }

    @Test
    void aSourceFailingRepeatedlyMakesTheProcessUnreadyUntilItRecovers() throws Exception {
        SourceHealth health = bean("sourceHealth", SourceHealth.class);

        // DOWN because of this source (Camel's own consumer check may report the failing route a moment earlier)
        await().atMost(Duration.ofSeconds(30)).until(() -> OpsTestSupport.get(context, ManagementServer.READY).statusCode() == 503
                && sourceStatus(OpsTestSupport.get(context, ManagementServer.READY + "?data=true").body()).equals("DOWN"));
        HttpResponse<String> down = OpsTestSupport.get(context, ManagementServer.READY + "?data=true");
        JsonNode check = MetricsEndpointTest.check(Stix.mapper().readTree(down.body()), SOURCE);
        assertThat(check.path("status").asText()).isEqualTo("DOWN");
        assertThat(check.path("data").path("last_success").asText()).isEqualTo("never");
        assertThat(check.path("data").path("last_failure_reason").asText()).contains("500");
        assertThat(Integer.parseInt(check.path("data").path("consecutive_failures").asText())).isGreaterThanOrEqualTo(3);
        HttpResponse<String> live = OpsTestSupport.get(context, ManagementServer.LIVE);
        assertThat(live.statusCode()).as("a failing feed is no reason to restart the process").isEqualTo(200);

        healthy.set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> OpsTestSupport.get(context, ManagementServer.READY).statusCode() == 200);
        JsonNode up = MetricsEndpointTest.check(Stix.mapper().readTree(OpsTestSupport.get(context, ManagementServer.READY + "?data=true").body()), SOURCE);
        assertThat(up.path("status").asText()).isEqualTo("UP");
        assertThat(up.path("data").path("consecutive_failures").asText()).isEqualTo("0");
        assertThat(up.path("data").path("last_success").asText()).isNotEqualTo("never");
        assertThat(up.path("data").path("last_failure").asText()).isNotBlank();
        String scrape = OpsTestSupport.get(context, ManagementServer.METRICS).body();
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_source_last_success_timestamp_seconds", Map.of("source", "urlhaus-http-to-stix-files")))
                .isGreaterThan(1.7e9);
    }

    private static int failures(SourceHealth health) {
        SourceHealth.State s = health.all().get("urlhaus-http-to-stix-files");
        return s == null ? 0 : s.consecutiveFailures();
    }

    /** The status of this test's source check, or "absent" before its first attempt is recorded. */
    private static String sourceStatus(String body) throws IOException {
        for (JsonNode c : Stix.mapper().readTree(body).path("checks")) {
            if (c.path("name").asText().equals(SOURCE)) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }
}

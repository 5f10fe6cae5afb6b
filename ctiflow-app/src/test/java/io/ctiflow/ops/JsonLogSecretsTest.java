package io.ctiflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real runtime in a child process with CTIFLOW_LOG_FORMAT=json and a feed token in its
 * environment, used by the URLhaus route's URL (in the path and as apikey=): the feed server answers
 * 500, ctiflow logs the failed input naming the URL, and neither the log nor the dead letter holds
 * the token; every log line is one JSON object.
 */
class JsonLogSecretsTest {

    private static final String TOKEN = "tok-8d1f5c0e2b7a4f96";

    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void logLinesAreJsonAndNeverHoldTheSecret() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        Path work = dir.resolve("work");
        Path config = Files.writeString(dir.resolve("prod.properties"), "ctiflow.log.format = json\n");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/{{env:CTIFLOW_FEED_TOKEN}}/csv?apikey={{env:CTIFLOW_FEED_TOKEN}}";
        try (ChildRuntime child = ChildRuntime.start(dir, config, Map.of("ctiflow.work", work.toString(), "ctiflow.instance.id", "json-1",
                "ctiflow.feeds.urlhaus.enabled", "true",
                "ctiflow.feeds.urlhaus.url", url, "ctiflow.feeds.urlhaus.period", "600000", "ctiflow.remote.retries", "0"),
                Map.of("CTIFLOW_FEED_TOKEN", TOKEN, "CTIFLOW_LOG_FORMAT", "json"))) {
            Path failed = work.resolve("deadletter/failed-inputs.jsonl");
            child.awaitOrDump(Duration.ofSeconds(90), () -> Files.exists(failed) && child.stderrLines().stream()
                    .anyMatch(l -> l.contains("failed: HttpOperationFailedException")));
            child.process.destroy();
            assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            List<String> lines = child.stderrLines();
            List<JsonNode> events = new ArrayList<>();
            for (String line : lines) {
                assertThat(line).doesNotContain(TOKEN);
                events.add(Stix.mapper().readTree(line));   // throws on any line that is not JSON
            }
            JsonNode failure = events.stream().filter(e -> e.path("logger").asText().equals("io.ctiflow.feed.DeadLetters"))
                    .findFirst().orElseThrow();
            assertThat(failure.path("level").asText()).isEqualTo("ERROR");
            assertThat(failure.path("thread").asText()).isNotBlank();
            assertThat(failure.path("instance").asText()).isEqualTo("json-1");
            assertThat(failure.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(failure.path("mdc").path("camel.routeId").asText()).isEqualTo("urlhaus-http-to-stix-files");
            assertThat(failure.path("message").asText()).contains("/feeds/***/csv?apikey=***");
            assertThat(Files.readString(failed)).doesNotContain(TOKEN).contains("***");
            assertThat(child.stdout()).doesNotContain(TOKEN);
        }
    }
}

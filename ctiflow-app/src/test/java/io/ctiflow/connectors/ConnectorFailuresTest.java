package io.ctiflow.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.app.CtiflowRouteTestSupport;
import io.ctiflow.stix.Stix;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A connector whose feed fails is recorded in the dead letter with its reason, and keeps polling. */
class ConnectorFailuresTest extends CtiflowRouteTestSupport {

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @Override
    protected void setupResources() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/csv_recent", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    protected void cleanupResources() {
        server.stop(0);
    }

    @Test
    void aFeedAnsweringServerErrorsIsDeadLetteredAndPolledAgain() throws Exception {
        String yaml = """
                - route:
                    id: urlhaus-connector-under-test
                    from:
                      uri: "kamelet:abusech-urlhaus-source?url=http://127.0.0.1:%d/csv_recent&period=300"
                      steps:
                        - to: direct:feed-to-stix-files
                """.formatted(server.getAddress().getPort());
        context.addRoutes((RoutesBuilder) PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.fromString("test.camel.yaml", yaml)).iterator().next());
        Path failed = work.resolve("deadletter/failed-inputs.jsonl");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(failed) && Files.readAllLines(failed).size() >= 2);
        JsonNode first = Stix.mapper().readTree(Files.readAllLines(failed).get(0));
        assertThat(first.path("input").asText()).startsWith("abusech-urlhaus-source");
        assertThat(first.path("reason").asText()).contains("500");
        assertThat(requests.get()).isGreaterThanOrEqualTo(2); // the connector kept polling
    }
}

package io.ctiflow.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.app.CtiflowRouteTestSupport;
import io.ctiflow.connectors.ConnectorScaffold;
import io.ctiflow.stix.Stix;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connector a vendor has just made with `ctiflow connector new`, in a connectors folder the
 * build never saw: ctiflow loads its Kamelet from the folder at start and runs it, and because its
 * source has no entry in policies/sources.yaml, says so at start (WARN naming source and file) and
 * in the source's health, instead of silently withholding every object.
 */
class NewConnectorAtStartTest extends CtiflowRouteTestSupport {

    private static final String CONNECTOR = "acme-ioc-csv-source";

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private HttpServer server;
    private Path connectors;

    @Override
    public boolean isUseAdviceWith() {
        return true; // the context starts once the test has added the route using the new Kamelet
    }

    @Override
    protected void setupResources() throws Exception {
        connectors = Files.createDirectories(work.resolve("vendor-connectors"));
        Path dir = ConnectorScaffold.create(connectors, CONNECTOR, ConnectorScaffold.Format.csv);
        // the scaffold names its mapping relative to the ctiflow home; this folder is elsewhere
        Path kamelet = dir.resolve(CONNECTOR + ".kamelet.yaml");
        Files.writeString(kamelet, Files.readString(kamelet).replace("connectors/" + CONNECTOR + "/mapping.yaml",
                dir.resolve("mapping.yaml").toString()));
        byte[] feed = Files.readAllBytes(dir.resolve("samples/good.input.csv"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.csv", exchange -> {
            exchange.sendResponseHeaders(200, feed.length);
            exchange.getResponseBody().write(feed);
            exchange.close();
        });
        server.start();
        log.start();
        ((Logger) LoggerFactory.getLogger(SourcesMissingFromPolicy.class)).addAppender(log);
    }

    @Override
    protected void cleanupResources() {
        ((Logger) LoggerFactory.getLogger(SourcesMissingFromPolicy.class)).detachAppender(log);
        server.stop(0);
    }

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(OpsTestSupport.MANAGEMENT);
        properties.put("ctiflow.connectors", connectors.toString());
        return properties;
    }

    @Test
    void theNewConnectorRunsWithoutRebuildAndItsUnconfiguredSourceIsWarnedAndShownInHealth() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.csv";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:" + CONNECTOR + "?url=" + url + "&period=600000").routeId("acme-ioc-feed").to("direct:feed-to-stix-files");
            }
        });
        context.start();

        Path outbox = work.resolve("stix");
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> bundles(outbox) > 0);

        assertThat(log.list).filteredOn(e -> e.getLevel().toString().equals("WARN")).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("source 'acme-ioc-csv' has no entry in")
                        .contains("policies/sources.yaml").contains("withholds every object"));
        JsonNode ready = Stix.mapper().readTree(OpsTestSupport.get(context, ManagementServer.READY + "?data=true").body());
        JsonNode check = null;
        for (JsonNode c : ready.path("checks")) {
            if (c.path("name").asText().startsWith("source:" + CONNECTOR)) {
                check = c;
            }
        }
        assertThat(check).as("a health check for the connector's route in " + ready).isNotNull();
        assertThat(check.path("data").path("sharing").asText()).contains("source 'acme-ioc-csv' has no entry in")
                .contains("policies/sources.yaml");
    }

    private static long bundles(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().startsWith("acme-ioc-csv-") && f.toString().endsWith(".json")).count();
        }
    }
}

package io.ctiflow.connectors;

import com.sun.net.httpserver.HttpServer;
import io.ctiflow.feed.FeedBatches;
import io.ctiflow.feed.Mappings;
import io.ctiflow.pipeline.Batch;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Kamelets at run time: {@code kamelet:<name>} resolves from classpath:kamelets (copied
 * there by the build), fetches from an HTTP server on 127.0.0.1 serving the connector's real sample,
 * and hands the stream with the feed headers to the real FeedBatches splitter.
 */
class ConnectorKameletsTest extends CamelTestSupport {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    protected void setupResources() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/threatfox", Path.of("connectors/abusech-threatfox-source/samples/get-iocs-1day.input.json"));
        serve("/nested", Path.of("connectors/generic-json-source/samples/nested-records.input.json"));
        serve("/urlhaus", Path.of("connectors/abusech-urlhaus-source/samples/recent.input.csv"));
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("feedBatches", new FeedBatches(new Mappings(Path.of("mappings")), 1000, null, 0));
    }

    private void serve(String path, Path file) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestMethod() + " " + path + " " + exchange.getRequestHeaders().getFirst("Auth-Key") + " "
                    + new String(exchange.getRequestBody().readAllBytes()));
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @Override
    protected void cleanupResources() {
        server.stop(0);
    }

    private MockEndpoint run(String kameletUri) throws Exception {
        String yaml = """
                - route:
                    id: connector-under-test
                    from:
                      uri: "%s"
                      steps:
                        - split:
                            method:
                              ref: feedBatches
                              method: split
                            streaming: true
                            steps:
                              - to: mock:batches
                """.formatted(kameletUri + "&failureUri=mock:failed"); // no deadLetters bean in this bare context
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("connector-under-test.camel.yaml", yaml));
        MockEndpoint batches = getMockEndpoint("mock:batches");
        batches.expectedMinimumMessageCount(1);
        batches.assertIsSatisfied(TimeUnit.SECONDS.toMillis(20));
        return batches;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void threatfoxPostsTheQueryWithItsKeyAndFeedsTheThreatfoxMapping() throws Exception {
        MockEndpoint batches = run("kamelet:abusech-threatfox-source?url=" + base() + "/threatfox&authKey=test-key&days=2&period=600000");
        Batch batch = batches.getReceivedExchanges().get(0).getIn().getBody(Batch.class);
        assertThat(batch.source()).isEqualTo("threatfox");
        assertThat(batch.origin()).startsWith("abusech-threatfox-source-").endsWith(".json");
        assertThat(batch.recordsRead()).isEqualTo(187);
        assertThat(batch.rejects()).isEmpty();
        assertThat(requests).containsExactly("POST /threatfox test-key {\"query\":\"get_iocs\",\"days\":2}");
    }

    @Test
    void genericJsonSelectsTheRecordsAndNamesTheMapping() throws Exception {
        MockEndpoint batches = run("kamelet:generic-json-source?url=" + base() + "/nested&mapping=threatfox&recordSelector=$.results.items&period=600000");
        Batch batch = batches.getReceivedExchanges().get(0).getIn().getBody(Batch.class);
        assertThat(batch.recordsRead()).isEqualTo(21);
        assertThat(batch.rejects()).hasSize(1);
        assertThat(batch.origin()).startsWith("generic-json-source-threatfox-");
        assertThat(requests).containsExactly("GET /nested null ");
    }

    @Test
    void urlhausCsvOverGet() throws Exception {
        MockEndpoint batches = run("kamelet:abusech-urlhaus-source?url=" + base() + "/urlhaus&period=600000");
        Batch batch = batches.getReceivedExchanges().get(0).getIn().getBody(Batch.class);
        assertThat(batch.source()).isEqualTo("urlhaus");
        assertThat(batch.recordsRead()).isEqualTo(10);
        assertThat(batch.rejects()).hasSize(4);
    }

    @Test
    void aFailingFetchReachesTheUsingRoutesErrorHandling() throws Exception {
        String yaml = """
                - routeConfiguration:
                    id: test-remote-sources
                    onException:
                      - onException:
                          exception:
                            - java.lang.Exception
                          handled:
                            constant: "true"
                          steps:
                            - to: mock:failed
                - route:
                    id: connector-under-test
                    routeConfigurationId: test-remote-sources
                    from:
                      uri: "kamelet:abusech-urlhaus-source?url=%s/broken&period=600000&failureUri=mock:failed"
                      steps:
                        - to: mock:batches
                """.formatted(base());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("connector-under-test.camel.yaml", yaml));
        MockEndpoint failed = getMockEndpoint("mock:failed");
        failed.expectedMinimumMessageCount(1);
        failed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
    }
}

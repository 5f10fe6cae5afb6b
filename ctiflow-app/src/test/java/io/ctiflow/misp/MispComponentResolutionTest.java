package io.ctiflow.misp;

import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.ctiflow.misp.MispSamples.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** misp: and misp-feed: resolve from META-INF under camel-main, in a YAML route, with the checkpoint folder set as a Camel user sets it (camel.component.misp.checkpoint-dir). */
class MispComponentResolutionTest {

    @TempDir
    Path work;

    private final MispTestServer server = MispTestServer.start().withEvents(EVENTS);
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        server.close();
    }

    @Test
    void badEndpointsAreRefusedWhenCreated() throws Exception {
        try (var context = new DefaultCamelContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint("misp:my feed?url=http://127.0.0.1:1"))
                    .hasRootCauseMessage("misp:my feed: the name must be letters, digits, '.', '_' or '-'"
                            + " (it names the checkpoint file)");
            assertThatThrownBy(() -> context.getEndpoint("misp:circl?apiKey=x"))
                    .hasRootCauseMessage("misp:circl needs url=https://<misp server>");
            assertThatThrownBy(() -> context.getEndpoint("misp:circl?url=http://127.0.0.1:1&since=yesterday"))
                    .hasMessageContaining("invalid since 'yesterday': expected epoch seconds");
            assertThatThrownBy(() -> context.getEndpoint("misp-feed:circl-osint"))
                    .hasRootCauseMessage("misp-feed:circl-osint needs url=<feed URL or folder>");
            assertThatThrownBy(() -> context.getEndpoint("misp:circl?url=http://127.0.0.1:1&pageSiz=5"))
                    .hasMessageContaining("pageSiz");
        }
    }

    @Test
    void yamlRoutesUnderCamelMainResolveBothSchemes() throws Exception {
        Path feed = Files.createDirectory(work.resolve("feed"));
        for (String name : new String[] {"manifest.json", "hashes.csv", "56bf399d-c46c-4fdb-a9cf-d9bb02de0b81.json"}) {
            try (var in = getClass().getResourceAsStream("/data/misp/feed-misp-testsuite/" + name)) {
                Files.copy(in, feed.resolve(name));
            }
        }
        Path routes = work.resolve("misp-to-mock.camel.yaml");
        Files.writeString(routes, """
                - route:
                    id: misp-to-mock
                    from:
                      uri: "misp:circl"
                      parameters:
                        url: "{{misp.url}}"
                        apiKey: "{{misp.key}}"
                        initialDelay: 0
                        delay: 100
                      steps:
                        - to: "mock:events"
                - route:
                    id: misp-feed-to-mock
                    from:
                      uri: "misp-feed:misp-tests"
                      parameters:
                        url: "{{misp.feed}}"
                        initialDelay: 0
                        delay: 100
                      steps:
                        - to: "mock:feed"
                """);
        main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routes);
        // as a Camel user configures a component in the application's own application.properties
        main.addInitialProperty("camel.component.misp.checkpoint-dir", work + "/state");
        main.addInitialProperty("camel.component.misp-feed.checkpoint-dir", work + "/state");
        main.addInitialProperty("misp.url", server.url());
        main.addInitialProperty("misp.key", MispTestServer.API_KEY);
        main.addInitialProperty("misp.feed", feed.toString());
        main.start();

        var context = main.getCamelContext();
        assertThat(context.getComponent("misp", MispComponent.class).getCheckpointDir())
                .as("camel.component.misp.checkpoint-dir").isEqualTo(work + "/state");
        assertThat(context.getEndpoints()).hasAtLeastOneElementOfType(MispEndpoint.class)
                .hasAtLeastOneElementOfType(MispFeedEndpoint.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(work.resolve("state/misp.circl.json"))
                && Files.exists(work.resolve("state/misp-feed.misp-tests.json")));
        assertThat(context.getEndpoint("mock:events", MockEndpoint.class)
                .getReceivedCounter()).isEqualTo(EVENTS.length);
        assertThat(context.getEndpoint("mock:feed", MockEndpoint.class)
                .getReceivedCounter()).isEqualTo(1);
    }
}

package io.ctiflow.taxii.client;

import io.ctiflow.pipeline.Batch;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** taxii: resolves from META-INF under camel-main in YAML routes (publish and poll), with checkpoints in {{ctiflow.work}}/state. */
class TaxiiComponentResolutionTest {

    @TempDir
    Path work;

    private EmbeddedTaxii server;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void badEndpointsAreRefusedWhenCreated() throws Exception {
        try (var context = new DefaultCamelContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint("taxii:my feed?url=http://127.0.0.1:1/"))
                    .hasRootCauseMessage("taxii:my feed: the name must be letters, digits, '.', '_' or '-'"
                            + " (it names the checkpoint file)");
            assertThatThrownBy(() -> context.getEndpoint("taxii:partner?collection=x"))
                    .hasRootCauseMessage("taxii:partner needs url=<TAXII collection, API root or discovery URL>");
            assertThatThrownBy(() -> context.getEndpoint("taxii:partner?url=http://127.0.0.1:1/&addedAfter=yesterday"))
                    .hasMessageContaining("'yesterday' is not an RFC 3339 timestamp");
            assertThatThrownBy(() -> context.getEndpoint("taxii:partner?url=http://127.0.0.1:1/&token=t&username=u"))
                    .hasMessageContaining("either token or username/password");
            assertThatThrownBy(() -> context.getEndpoint("taxii:partner?url=http://127.0.0.1:1/&pageSiz=5"))
                    .hasMessageContaining("pageSiz");
        }
    }

    @Test
    void yamlRoutesUnderCamelMainPublishAndPoll() throws Exception {
        server = EmbeddedTaxii.start(work);
        Path routes = work.resolve("taxii.camel.yaml");
        Files.writeString(routes, """
                - route:
                    id: share
                    from:
                      uri: "direct:share"
                      steps:
                        - to:
                            uri: "taxii:partner-out"
                            parameters:
                              url: "{{taxii.url}}"
                              username: "{{taxii.user}}"
                              password: "{{taxii.password}}"
                - route:
                    id: collect
                    from:
                      uri: "taxii:partner"
                      parameters:
                        url: "{{taxii.discovery}}"
                        collection: "Indicators"
                        username: "{{taxii.user}}"
                        password: "{{taxii.password}}"
                        initialDelay: 0
                        delay: 100
                      steps:
                        - to: "mock:pages"
                """);
        main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routes);
        // as a Camel user configures a component in the application's own application.properties
        main.addInitialProperty("camel.component.taxii.checkpoint-dir", work + "/state");
        main.addInitialProperty("taxii.url", server.collectionUrl());
        main.addInitialProperty("taxii.discovery", server.discoveryUrl());
        main.addInitialProperty("taxii.user", EmbeddedTaxii.ALICE);
        main.addInitialProperty("taxii.password", EmbeddedTaxii.ALICE_PASSWORD);
        main.start();

        var context = main.getCamelContext();
        assertThat(context.getComponent("taxii", TaxiiComponent.class).getCheckpointDir())
                .as("camel.component.taxii.checkpoint-dir").isEqualTo(work + "/state");
        context.createProducerTemplate().sendBody("direct:share", TestObjects.indicators("yaml", 12));
        MockEndpoint pages = context.getEndpoint("mock:pages", MockEndpoint.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> pages.getExchanges().stream()
                .mapToInt(e -> e.getIn().getBody(Batch.class).objects().size()).sum() == 12);
        // the checkpoint is saved after the page's exchange completed, a moment after the mock saw it
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(work.resolve("state/taxii.partner.json")));
    }
}

package io.ctiflow.misp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.ctiflow.misp.MispSamples.EVENTS;
import static io.ctiflow.misp.MispSamples.goodKey;
import static io.ctiflow.misp.MispSamples.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MispApiKeySecrecyTest {

    private static final String[] PINNED = {"org.apache.camel.component.properties",
        "org.apache.camel.impl.engine.DefaultCamelContextExtension"};
    private static final String WRONG_KEY = "wrong-9d8c7b6a5f4e3d2c1b0a";

    @TempDir
    Path state;

    private final MispTestServer server = MispTestServer.start().withEvents(EVENTS);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();

    @BeforeEach
    void captureEverything() {
        logs.start();
        root.addAppender(logs);
        for (String name : new String[] {"org.apache.camel", "io.ctiflow"}) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            raised.add(logger);
            previous.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        // as src/main/resources/logback.xml pins them: Camel's placeholder resolution prints resolved values at DEBUG
        for (String name : PINNED) {
            Logger placeholders = (Logger) LoggerFactory.getLogger(name);
            raised.add(placeholders);
            previous.add(placeholders.getLevel());
            placeholders.setLevel(Level.INFO);
        }
    }

    @AfterEach
    void restore() {
        root.detachAppender(logs);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(previous.get(i));
        }
        server.close();
    }

    private String uri() {
        return "misp:circl?url=" + server.url() + "&apiKey={{misp.key}}&checkpointDir=" + state
                + "&initialDelay=0&delay=20&backoff=5&maxRetries=1";
    }

    @Test
    void logbackKeepsCamelsPlaceholderResolverQuiet() throws Exception {
        try (var in = getClass().getResourceAsStream("/logback.xml")) {
            String logback = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String name : PINNED) {
                assertThat(logback).contains("<logger name=\"" + name + "\" level=\"INFO\"/>");
            }
        }
    }

    @Test
    void theKeyAppearsInNoLogLineAndNoEndpointDescription() throws Exception {
        server.failNext(1, 500);
        try (MispRouteHarness route = new MispRouteHarness(uri(), goodKey())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> route.received().size() == EVENTS.length);
            assertDoesNotShow(route.context().getEndpoints(), MispTestServer.API_KEY);
            assertThat(((MispEndpoint) route.consumer().getEndpoint()).getConfiguration().toString())
                    .contains("apiKey=xxxxxx").doesNotContain(MispTestServer.API_KEY);
        }
        try (MispRouteHarness wrong = new MispRouteHarness(uri(), key(WRONG_KEY))) {
            int before = server.paths().size();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.paths().size() >= before + 2);
            assertDoesNotShow(wrong.context().getEndpoints(), WRONG_KEY);
        }

        assertThat(logs.list).as("the poll failure and the retry were logged")
                .anySatisfy(e -> assertThat(text(e)).contains("rejected the API key (HTTP 403)"))
                .anySatisfy(e -> assertThat(text(e)).contains("HTTP 500"));
        assertThat(logs.list).allSatisfy(e -> assertThat(text(e))
                .doesNotContain(MispTestServer.API_KEY).doesNotContain(WRONG_KEY));
    }

    private static void assertDoesNotShow(Iterable<Endpoint> endpoints, String key) {
        for (Endpoint endpoint : endpoints) {
            assertThat(endpoint.toString()).doesNotContain(key);
            assertThat(org.apache.camel.util.URISupport.sanitizeUri(endpoint.getEndpointUri())).doesNotContain(key);
        }
    }

    private static String text(ILoggingEvent event) {
        StringBuilder all = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            all.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return all.toString();
    }
}

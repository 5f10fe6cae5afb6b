package io.ctiflow.misp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.ctiflow.misp.MispMessages.received;
import static io.ctiflow.misp.MispMessages.uuids;
import static io.ctiflow.misp.MispSamples.EVENTS;
import static io.ctiflow.misp.MispSamples.goodKey;
import static io.ctiflow.misp.MispSamples.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MispApiKeySecrecyTest extends MispServerTestSupport {

    private static final String[] PINNED = {"org.apache.camel.component.properties",
        "org.apache.camel.impl.engine.DefaultCamelContextExtension"};
    private static final String WRONG_KEY = "wrong-9d8c7b6a5f4e3d2c1b0a";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();

    @Override
    protected void setupResources() {
        super.setupResources();
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

    @Override
    protected void cleanupResources() {
        root.detachAppender(logs);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(previous.get(i));
        }
        super.cleanupResources();
    }

    private String uri() {
        return "misp:circl?url=" + server.url() + "&apiKey={{misp.key}}&checkpointDir=" + state
                + "&startScheduler=true&initialDelay=0&delay=20&backoff=5&maxRetries=1";
    }

    @Test
    void logbackKeepsCamelsPlaceholderResolverQuiet() throws Exception {
        try (var in = getClass().getResourceAsStream("/logback.xml")) {
            String logback = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String name : PINNED) {
                assertThat(logback).contains("<logger name=\"" + name + "\" level=\"INFO\"/>");
            }
        }
    }

    @Test
    void theKeyAppearsInNoLogLineAndNoEndpointDescription() throws Exception {
        server.failNext(1, 500);
        withProperties(goodKey());
        MockEndpoint route = consume("route", uri());
        await().atMost(Duration.ofSeconds(10)).until(() -> received(route).size() == EVENTS.length);
        assertDoesNotShow(context.getEndpoints(), MispTestServer.API_KEY);
        assertThat(((MispEndpoint) routeConsumer("route").getEndpoint()).getConfiguration().toString())
                .contains("apiKey=xxxxxx").doesNotContain(MispTestServer.API_KEY);
        stopAndRemove("route"); // ctiflow stopped, started again with another configuration
        withProperties(key(WRONG_KEY));
        consume("wrong", uri());
        int before = server.paths().size();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.paths().size() >= before + 2);
        assertDoesNotShow(context.getEndpoints(), WRONG_KEY);
        context.stop(); // its shutdown logs too

        assertThat(logs.list).as("the poll failure and the retry were logged")
                .anySatisfy(e -> assertThat(text(e)).contains("rejected the API key (HTTP 403)"))
                .anySatisfy(e -> assertThat(text(e)).contains("HTTP 500"));
        assertThat(logs.list).allSatisfy(e -> assertThat(text(e))
                .doesNotContain(MispTestServer.API_KEY).doesNotContain(WRONG_KEY));
    }

    private static void assertDoesNotShow(Iterable<Endpoint> endpoints, String key) {
        for (Endpoint endpoint : endpoints) {
            assertThat(endpoint.toString()).doesNotContain(key);
            assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri())).doesNotContain(key);
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

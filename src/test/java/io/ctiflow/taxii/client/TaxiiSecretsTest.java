package io.ctiflow.taxii.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.Endpoint;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords and tokens from placeholders appear in no endpoint description and no log line, failures included. */
class TaxiiSecretsTest {

    private static final String WRONG_PASSWORD = "wrongPw0a1b2c3d4e5";

    @TempDir
    Path dir;

    private EmbeddedTaxii server;
    private MisbehavingProxy proxy;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedTaxii.start(dir);
        proxy = MisbehavingProxy.in(server.base());
        logs.start();
        root.addAppender(logs);
        for (String name : new String[] {"org.apache.camel", "io.ctiflow"}) {
            raise(name, Level.DEBUG);
        }
        // pinned as in src/main/resources/logback.xml: Camel's placeholder resolution prints resolved values at DEBUG
        raise("org.apache.camel.component.properties", Level.INFO);
        raise("org.apache.camel.impl.engine.DefaultCamelContextExtension", Level.INFO);
    }

    private void raise(String name, Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        raised.add(logger);
        previous.add(logger.getLevel());
        logger.setLevel(level);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(previous.get(i));
        }
        proxy.close();
        server.close();
    }

    private static Properties secrets(String password) {
        Properties p = new Properties();
        p.setProperty("taxii.password", password);
        p.setProperty("taxii.token", EmbeddedTaxii.TOKEN);
        return p;
    }

    @Test
    void secretsAppearInNoEndpointDescriptionAndNoLogLine() throws Exception {
        String url = proxy.url(server.collectionUrl());
        String withPassword = "taxii:out?url=" + url + "&username=" + EmbeddedTaxii.ALICE
                + "&password={{taxii.password}}&backoff=5&maxRetries=1";
        String withToken = "taxii:in?url=" + url + "&token={{taxii.token}}&backoff=5&maxRetries=1&checkpointDir=" + dir;
        try (TaxiiRoutes routes = new TaxiiRoutes(withPassword, withToken, secrets(EmbeddedTaxii.ALICE_PASSWORD))) {
            proxy.failNext(1, 500, null);
            assertThat(routes.publish(TestObjects.indicators("secret", 2)).getException()).isNull();
            assertThat(routes.poll()).isEqualTo(2);
            assertHidden(routes.context().getEndpoints());
            TaxiiEndpoint endpoint = (TaxiiEndpoint) routes.context().getEndpoints().stream()
                    .filter(x -> x instanceof TaxiiEndpoint).findFirst().orElseThrow();
            assertThat(endpoint.getConfiguration().toString()).contains("xxxxxx")
                    .doesNotContain(EmbeddedTaxii.ALICE_PASSWORD).doesNotContain(EmbeddedTaxii.TOKEN);
        }
        try (TaxiiRoutes wrong = new TaxiiRoutes(withPassword, null, secrets(WRONG_PASSWORD))) {
            assertThat(wrong.publish(TestObjects.indicators("secret", 1)).getException())
                    .isInstanceOf(TaxiiAuthenticationException.class).hasMessageContaining("HTTP 401");
            assertHidden(wrong.context().getEndpoints());
        }
        assertThat(logs.list).as("the retry was logged").anySatisfy(e -> assertThat(text(e)).contains("HTTP 500"));
        assertThat(logs.list).allSatisfy(e -> assertThat(text(e)).doesNotContain(EmbeddedTaxii.ALICE_PASSWORD)
                .doesNotContain(WRONG_PASSWORD).doesNotContain(EmbeddedTaxii.TOKEN));
    }

    private static void assertHidden(Iterable<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            for (String text : List.of(endpoint.toString(), URISupport.sanitizeUri(endpoint.getEndpointUri()))) {
                assertThat(text).doesNotContain(EmbeddedTaxii.ALICE_PASSWORD).doesNotContain(WRONG_PASSWORD)
                        .doesNotContain(EmbeddedTaxii.TOKEN);
            }
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

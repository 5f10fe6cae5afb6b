package io.ctiflow.taxii.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.Endpoint;
import org.apache.camel.util.URISupport;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords and tokens from placeholders appear in no endpoint description and no log line, failures included. */
class TaxiiSecretsTest extends PollingConsumerTestSupport {

    private static final String WRONG_PASSWORD = "wrongPw0a1b2c3d4e5";

    @TempDir
    Path dir;

    private EmbeddedTaxii server;
    private MisbehavingProxy proxy;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();

    @Override
    protected void setupResources() throws Exception {
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

    @Override
    protected void cleanupResources() {
        root.detachAppender(logs);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(previous.get(i));
        }
        proxy.close();
        server.close();
    }

    private void secrets(String password) {
        context.getPropertiesComponent().addOverrideProperty("taxii.password", password);
        context.getPropertiesComponent().addOverrideProperty("taxii.token", EmbeddedTaxii.TOKEN);
    }

    @Test
    void secretsAppearInNoEndpointDescriptionAndNoLogLine() throws Exception {
        String url = proxy.url(server.collectionUrl());
        String withPassword = "taxii:out?url=" + url + "&username=" + EmbeddedTaxii.ALICE
                + "&password={{taxii.password}}&backoff=5&maxRetries=1";
        String withToken = "taxii:in?url=" + url + "&token={{taxii.token}}&backoff=5&maxRetries=1&checkpointDir=" + dir;
        secrets(EmbeddedTaxii.ALICE_PASSWORD);
        produce("publish", withPassword);
        MockEndpoint pages = consume("poll", withToken);
        pages.expectedMessageCount(1);
        proxy.failNext(1, 500, null);
        assertThat(template.send("direct:publish", e -> e.getIn().setBody(TestObjects.indicators("secret", 2))).getException()).isNull();
        assertThat(poll("poll").messages()).isEqualTo(2);
        assertSatisfied(pages);
        assertHidden(context.getEndpoints());
        TaxiiEndpoint endpoint = (TaxiiEndpoint) context.getEndpoints().stream()
                .filter(x -> x instanceof TaxiiEndpoint).findFirst().orElseThrow();
        assertThat(endpoint.getConfiguration().toString()).contains("xxxxxx")
                .doesNotContain(EmbeddedTaxii.ALICE_PASSWORD).doesNotContain(EmbeddedTaxii.TOKEN);

        // the same producer with a wrong password: a second endpoint, its placeholder resolved when it is made
        secrets(WRONG_PASSWORD);
        produce("publishWrong", withPassword.replace("taxii:out?", "taxii:wrong?"));
        assertThat(template.send("direct:publishWrong", e -> e.getIn().setBody(TestObjects.indicators("secret", 1))).getException())
                .isInstanceOf(TaxiiAuthenticationException.class).hasMessageContaining("HTTP 401");
        assertHidden(context.getEndpoints());

        context.stop(); // its shutdown logs too
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

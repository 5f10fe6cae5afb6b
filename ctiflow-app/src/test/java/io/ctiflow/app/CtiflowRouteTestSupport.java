package io.ctiflow.app;

import io.ctiflow.runtime.CtiflowRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the route tests: the real ctiflow runtime under camel-test-main-junit5. Each test gets a
 * Camel context made the way {@code ctiflow run} makes it ({@link CtiflowRuntime#configure}: the
 * configuration classes that bind the routes' beans, the YAML routes of routes/, then
 * ctiflow-defaults.properties), on a fresh work directory, with the test's properties over the shipped
 * defaults:
 * <ul>
 *   <li>{@link TestProperties} on the class or on a test method, for literal values (the method's win);</li>
 *   <li>{@link #properties()}, for values computed when the context is made (a server's port, a path).</li>
 * </ul>
 * Routes are changed by id with {@code AdviceWith} (override {@link #isUseAdviceWith()} and call
 * {@code context.start()} after advising); waits count exchanges with {@link #whenDone(String, int)}
 * and {@link #assertDone(NotifyBuilder)} instead of polling files; {@link #restart()} is ctiflow
 * restarted on the same work directory.
 */
public abstract class CtiflowRouteTestSupport extends CamelMainTestSupport {

    /** Where routes/, mappings/ and policies/ are: the repository root, where Maven runs the tests. */
    protected static final Path HOME = Path.of("").toAbsolutePath();

    /** How long a test waits for the exchanges it expects. */
    protected static final long WAIT_SECONDS = 30;

    /** Properties over ctiflow-defaults.properties, as key, value, key, value, ... (the shape of {@code @CamelMainTest(properties)}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface TestProperties {
        String[] value();
    }

    @TempDir
    protected Path work;

    private Method testMethod;
    private final List<CamelContext> restarted = new ArrayList<>();

    @RegisterExtension
    final BeforeEachCallback currentTest = context -> testMethod = context.getRequiredTestMethod();

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        CtiflowRuntime.configure(configuration, HOME);
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return CtiflowRuntime.propertyLocations(null);
    }

    /** Computed properties over ctiflow-defaults.properties; the work directory and a fast inbox poll are set already. */
    protected Map<String, String> properties() {
        return Map.of();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        // the properties are known only now: the work directory is injected after the constructor asked for them
        Properties overrides = new Properties();
        overrides.put("ctiflow.home", HOME.toString());
        overrides.put("ctiflow.work", work.toString());
        overrides.put("ctiflow.inbox.delay", "50");
        overrides.putAll(properties());
        put(overrides, getClass().getAnnotation(TestProperties.class));
        put(overrides, testMethod == null ? null : testMethod.getAnnotation(TestProperties.class));
        camelContextConfiguration().withUseOverridePropertiesWithPropertiesComponent(overrides);
        return super.createCamelContext();
    }

    private static void put(Properties overrides, TestProperties properties) {
        if (properties == null) {
            return;
        }
        String[] pairs = properties.value();
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("@TestProperties takes key, value pairs: " + String.join(", ", pairs));
        }
        for (int i = 0; i < pairs.length; i += 2) {
            overrides.put(pairs[i], pairs[i + 1]);
        }
    }

    /**
     * Matches once {@code count} exchanges that route {@code routeId} received are done (completed or
     * failed), counting each input once: the sub-exchanges of its splits are not counted. Create it
     * before the input arrives.
     */
    protected NotifyBuilder whenDone(String routeId, int count) {
        return new NotifyBuilder(context).fromRoute(routeId).filter(e -> e.getProperty(ExchangePropertyKey.CORRELATION_ID) == null)
                .whenDone(count).create();
    }

    /** Like {@link #whenDone}, counting only the exchanges that failed. */
    protected NotifyBuilder whenFailed(String routeId, int count) {
        return new NotifyBuilder(context).fromRoute(routeId).filter(e -> e.getProperty(ExchangePropertyKey.CORRELATION_ID) == null)
                .whenFailed(count).create();
    }

    /** Waits up to {@link #WAIT_SECONDS} for {@code notify} to match, and fails the test if it does not. */
    protected static void assertDone(NotifyBuilder notify) {
        assertDone(notify, WAIT_SECONDS);
    }

    /** Waits up to {@code seconds} for {@code notify} to match, and fails the test if it does not. */
    protected static void assertDone(NotifyBuilder notify, long seconds) {
        assertThat(notify.matches(seconds, TimeUnit.SECONDS)).as("exchanges done in %d s: %s", seconds, notify).isTrue();
    }

    /**
     * Stops the running context (if the test has not) and starts a new one made the same way, on the
     * same work directory: what a restart of ctiflow does. From here on {@link #context} and
     * {@link #template} are the new context's. With {@link #isUseAdviceWith()} it is not started yet,
     * like the first one: the test starts it once its NotifyBuilders are made.
     */
    protected void restart() throws Exception {
        context.stop();
        CamelContext next = createCamelContext();
        restarted.add(next);
        if (!isUseAdviceWith()) {
            next.start();
        }
        setContext((ModelCamelContext) next);
        template = next.createProducerTemplate();
    }

    @AfterEach
    void stopRestarted() {
        restarted.forEach(CamelContext::stop);
    }

    /** A bean the runtime's configuration bound. */
    protected <T> T bean(String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        assertThat(bean).as("bean %s", name).isNotNull();
        return bean;
    }
}

package io.ctiflow.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.test.junit5.CamelTestSupport;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests of our polling consumers (taxii:, misp:, misp-feed:, otx:) under camel-test-junit5:
 * the test's servers start in {@code setupResources()}, and {@link #consume(String, String)} adds a route
 * {@code from(uri).routeId(id).to("mock:" + id)} to the context, so what a poll delivered is asserted on
 * that {@link MockEndpoint}.
 * <p>
 * The consumer is driven through Camel's own SPIs, not by calling its {@code poll()}: its
 * {@code scheduler} is a {@link Poller} (a {@link ScheduledPollConsumerScheduler} that fires when the test
 * says, {@link #poll(String)}, on its own thread) and its {@code pollStrategy} records how each poll ended
 * (messages, or the exception). A URI with {@code startScheduler=true} keeps Camel's timer scheduler; its
 * polls are waited for with NotifyBuilder, Awaitility or the mock. A restart ({@link #restart()}) is
 * {@code context.stop()} and {@code context.start()}: the same routes and the same checkpoint store.
 * <p>
 * What the consumer hands to its exception handler (a failed exchange, a failed poll) is logged as Camel
 * does by default, and kept:
 * {@link #reported()} are the exchanges' failures; a failed poll is {@link Poll#error()}.
 */
public abstract class PollingConsumerTestSupport extends CamelTestSupport {

    /** How long a poll or an expectation may take. */
    protected static final long WAIT_SECONDS = 30;

    /** How one poll ended: the messages it delivered (as the consumer counts them), or its error. */
    public record Poll(int messages, Throwable error) {
        /** The messages of a poll that did not fail: asking for them fails the test if it did. */
        @Override
        public int messages() {
            if (error != null) {
                throw new AssertionError("the poll failed: " + error, error);
            }
            return messages;
        }
    }

    private final Map<String, Poller> pollers = new ConcurrentHashMap<>();
    private final List<Throwable> handled = new CopyOnWriteArrayList<>();
    private final Set<Throwable> pollErrors = ConcurrentHashMap.newKeySet();
    private final ExceptionHandler reporter = new Reporter();
    private volatile Predicate<Exchange> failWhen = e -> false;

    /**
     * Adds the route {@code routeId}: {@code from(uri)} (its polls triggered by {@link #poll(String)} unless
     * the URI has {@code startScheduler=true}), then {@code mock:<routeId>}. Exchanges that
     * {@link #failExchangesWhere} matches fail before the mock.
     */
    protected MockEndpoint consume(String routeId, String uri) throws Exception {
        pollers.put(routeId, new Poller());
        bindPollers();
        String options = "pollStrategy=#poller-" + routeId + "&exceptionHandler=#reportingExceptionHandler"
                + (uri.contains("startScheduler=true") ? "" : "&scheduler=#poller-" + routeId);
        String from = uri + (uri.contains("?") ? "&" : "?") + options;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(routeId)
                        .process(exchange -> {
                            if (failWhen.test(exchange)) {
                                throw new IllegalStateException("route " + routeId + " failed on purpose on " + exchange.getIn().getHeaders());
                            }
                        })
                        .to("mock:" + routeId);
            }
        });
        return getMockEndpoint("mock:" + routeId);
    }

    /** Adds the route {@code direct:<name>} to {@code uri}, a producer under test; {@link #template} sends to it. */
    protected void produce(String name, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + name).routeId(name).to(uri);
            }
        });
    }

    private void bindPollers() {
        pollers.forEach((routeId, poller) -> context.getRegistry().bind("poller-" + routeId, poller));
        context.getRegistry().bind("reportingExceptionHandler", ExceptionHandler.class, reporter);
    }

    /**
     * Restarts the context as ctiflow restarts: stopped (in-flight exchanges finish), then started again
     * with the same routes on the same checkpoint store. The endpoints are made anew: get the mocks
     * again with {@code getMockEndpoint}; they start empty.
     */
    protected void restart() throws Exception {
        context.stop();
        bindPollers(); // a stopped context has forgotten the beans bound at run time
        context.start();
    }

    /** The consumer of route {@code routeId}, for what it exposes (its checkpoint, its endpoint). */
    protected Consumer routeConsumer(String routeId) {
        return context.getRoute(routeId).getConsumer();
    }

    /** Property values over the context's, for the endpoints made from now on (an API key, a password). */
    protected void withProperties(Properties properties) {
        properties.forEach((name, value) -> context.getPropertiesComponent().addOverrideProperty((String) name, (String) value));
    }

    /**
     * Stops route {@code routeId} and removes it with its endpoint: ctiflow stopped, to be started again with
     * another configuration by the next {@link #consume}, whose endpoint is made anew on the same checkpoint store.
     */
    protected void stopAndRemove(String routeId) throws Exception {
        context.getRouteController().stopRoute(routeId);
        assertThat(context.removeRoute(routeId)).as("route %s removed", routeId).isTrue();
    }

    /** From now on the exchanges matching {@code predicate} fail in the route (the consumer sees a failed exchange). */
    protected void failExchangesWhere(Predicate<Exchange> predicate) {
        failWhen = predicate;
    }

    /** Fires one poll of route {@code routeId} and waits until it has ended. */
    protected Poll poll(String routeId) throws Exception {
        Poller poller = pollers.get(routeId);
        assertThat(poller).as("a route %s added by consume()", routeId).isNotNull();
        return poller.fire(routeId);
    }

    /** The failures the consumers handed to their exception handler, failed polls left out (see {@link Poll#error()}). */
    protected List<Throwable> reported() {
        return handled.stream().filter(t -> !pollErrors.contains(t)).toList();
    }

    /** Asserts the mock's expectations, waiting up to {@link #WAIT_SECONDS}. */
    protected static void assertSatisfied(MockEndpoint mock) throws InterruptedException {
        mock.assertIsSatisfied(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    /** The bodies the mock received, in order, converted to {@code type}. */
    protected static <T> List<T> bodies(MockEndpoint mock, Class<T> type) {
        return mock.getExchanges().stream().map(e -> e.getIn().getBody(type)).toList();
    }

    /** A scheduler that fires when the test says so, and the poll strategy that reports how each poll ended. */
    private final class Poller extends ServiceSupport implements ScheduledPollConsumerScheduler, PollingConsumerPollStrategy {
        private CamelContext camelContext;
        private volatile Runnable task;
        private ExecutorService thread;
        private final BlockingQueue<Poll> ended = new LinkedBlockingQueue<>();

        Poll fire(String routeId) throws Exception {
            Runnable scheduled = task;
            assertThat(scheduled).as("route %s is started", routeId).isNotNull();
            if (thread == null || thread.isShutdown()) {
                thread = camelContext.getExecutorServiceManager().newSingleThreadExecutor(this, "poll-" + routeId);
            }
            ended.clear();
            thread.submit(scheduled).get(WAIT_SECONDS, TimeUnit.SECONDS);
            Poll poll = ended.poll();
            assertThat(poll).as("the poll of %s ran", routeId).isNotNull();
            return poll;
        }

        @Override
        public void onInit(Consumer consumer) {
        }

        @Override
        public void scheduleTask(Runnable task) {
            this.task = task;
        }

        @Override
        public void unscheduleTask() {
            // the task is kept: a restarted consumer schedules itself again, a stopped one does not poll
        }

        @Override
        public void startScheduler() {
        }

        @Override
        public boolean isSchedulerStarted() {
            return true;
        }

        @Override
        public void setCamelContext(CamelContext camelContext) {
            this.camelContext = camelContext;
        }

        @Override
        public CamelContext getCamelContext() {
            return camelContext;
        }

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            ended.add(new Poll(polledMessages, null));
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            pollErrors.add(cause);
            ended.add(new Poll(0, cause));
            return false;
        }
    }

    /** Keeps what the consumer reports, and logs it as Camel's default handler does (the log is asserted too). */
    private final class Reporter implements ExceptionHandler {
        private ExceptionHandler log() {
            return new LoggingExceptionHandler(context, PollingConsumerTestSupport.class);
        }

        @Override
        public void handleException(Throwable exception) {
            handled.add(exception);
            log().handleException(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handled.add(exception);
            log().handleException(message, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            handled.add(exception);
            log().handleException(message, exchange, exception);
        }
    }
}

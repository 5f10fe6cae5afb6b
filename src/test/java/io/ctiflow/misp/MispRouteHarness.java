package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.ScheduledPollConsumer;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CamelContext with one route {@code from(uri)} that records every event it receives (and throws
 * for the event uuids told to fail), plus the exceptions the consumer reports. Polls are triggered
 * by the test ({@code startScheduler=false}) unless the URI asks otherwise.
 */
final class MispRouteHarness implements AutoCloseable {

    /** What the route saw of one exchange. */
    record Received(ObjectNode event, String uuid, long timestamp, String feed, String origin, Integer hashCount) {
    }

    private final CamelContext context = new DefaultCamelContext();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final Set<String> failing;

    MispRouteHarness(String uri, Properties properties, Set<String> failingUuids) throws Exception {
        this.failing = failingUuids;
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getRegistry().bind("recordingExceptionHandler", (ExceptionHandler) new Recorder());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("misp-test").process(MispRouteHarness.this::record);
            }
        });
        context.start();
    }

    MispRouteHarness(String uri, Properties properties) throws Exception {
        this(uri, properties, Set.of());
    }

    private void record(Exchange exchange) {
        Message in = exchange.getIn();
        String uuid = in.getHeader(MispConstants.EVENT_UUID, String.class);
        if (failing.contains(uuid)) {
            throw new IllegalStateException("route failed on purpose for event " + uuid);
        }
        received.add(new Received(in.getBody(ObjectNode.class), uuid,
                in.getHeader(MispConstants.EVENT_TIMESTAMP, Long.class), in.getHeader(MispConstants.FEED, String.class),
                in.getHeader(MispConstants.ORIGIN, String.class),
                in.getHeader(MispConstants.FEED_HASH_COUNT, Integer.class)));
    }

    CamelContext context() {
        return context;
    }

    ScheduledPollConsumer consumer() {
        return (ScheduledPollConsumer) context.getRoute("misp-test").getConsumer();
    }

    /** Runs one poll on the test thread; its exception (if any) is thrown. */
    int poll() throws Exception {
        ScheduledPollConsumer consumer = consumer();
        if (consumer instanceof MispConsumer misp) {
            return misp.poll();
        }
        return ((MispFeedConsumer) consumer).poll();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> receivedUuids() {
        return received.stream().map(Received::uuid).toList();
    }

    /** Exceptions handed to the consumer's exception handler (route failures, poll failures). */
    List<Throwable> reported() {
        return List.copyOf(reported);
    }

    @Override
    public void close() {
        context.stop();
    }

    private final class Recorder implements ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
            reported.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            reported.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            reported.add(exception);
        }
    }
}

package io.ctiflow.connectors.otx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CamelContext with one route {@code from(otx:...)} that records every pulse it receives (and
 * throws for the pulse ids told to fail), plus what the consumer reports. Polls run on the test
 * thread ({@code startScheduler=false}).
 */
final class OtxRouteHarness implements AutoCloseable {

    record Received(ObjectNode pulse, String id, String modified, String feed, String origin) {
    }

    private final CamelContext context = new DefaultCamelContext();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();

    OtxRouteHarness(String uri) throws Exception {
        context.getRegistry().bind("recordingExceptionHandler", (ExceptionHandler) new Recorder());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("otx-test").process(OtxRouteHarness.this::record);
            }
        });
        context.start();
    }

    private void record(Exchange exchange) {
        String id = exchange.getIn().getHeader(OtxConstants.PULSE_ID, String.class);
        if (failing.contains(id)) {
            throw new IllegalStateException("route failed on purpose for pulse " + id);
        }
        received.add(new Received(exchange.getIn().getBody(ObjectNode.class), id,
                exchange.getIn().getHeader(OtxConstants.PULSE_MODIFIED, String.class),
                exchange.getIn().getHeader(OtxConstants.FEED, String.class), exchange.getIn().getHeader(OtxConstants.ORIGIN, String.class)));
    }

    OtxConsumer consumer() {
        return (OtxConsumer) context.getRoute("otx-test").getConsumer();
    }

    int poll() {
        return consumer().poll();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> receivedIds() {
        return received.stream().map(Received::id).toList();
    }

    List<Throwable> reported() {
        return List.copyOf(reported);
    }

    CamelContext context() {
        return context;
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

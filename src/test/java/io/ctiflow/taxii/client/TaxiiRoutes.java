package io.ctiflow.taxii.client;

import io.ctiflow.feed.Batch;
import io.ctiflow.stix.StixObject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A CamelContext for the taxii: tests: {@code direct:publish} to a taxii: producer, and optionally a
 * route from a taxii: consumer that records every page it receives (and fails the pages a test tells
 * it to). Polls are triggered by the test unless the consumer URI asks for a scheduler.
 */
final class TaxiiRoutes implements AutoCloseable {

    /** What the consumer route saw of one page. */
    record Received(Batch batch, Map<String, Object> headers) {
    }

    private final CamelContext context = new DefaultCamelContext();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private volatile Predicate<Received> failWhen = r -> false;

    TaxiiRoutes(String producerUri, String consumerUri, Properties properties) throws Exception {
        if (properties != null) {
            context.getPropertiesComponent().setInitialProperties(properties);
        }
        context.getRegistry().bind("recordingExceptionHandler", (ExceptionHandler) new ExceptionHandler() {
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
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (producerUri != null) {
                    from("direct:publish").routeId("publish").to(producerUri);
                }
                if (consumerUri != null) {
                    String uri = consumerUri + (consumerUri.contains("startScheduler") ? "" : "&startScheduler=false")
                            + "&exceptionHandler=#recordingExceptionHandler";
                    from(uri).routeId("poll").process(TaxiiRoutes.this::record);
                }
            }
        });
        context.start();
    }

    TaxiiRoutes(String producerUri, String consumerUri) throws Exception {
        this(producerUri, consumerUri, null);
    }

    private void record(Exchange exchange) throws Exception {
        Received r = new Received(exchange.getIn().getMandatoryBody(Batch.class), exchange.getIn().getHeaders());
        if (failWhen.test(r)) {
            throw new IllegalStateException("route failed on purpose on page " + r.headers().get(TaxiiConstants.PAGE));
        }
        received.add(r);
        for (StixObject o : r.batch().objects()) {
            deliveries.computeIfAbsent(PollPosition.key(o), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Publishes a body through direct:publish; exceptions are thrown (unwrapped from Camel's). */
    Exchange publish(Object body) {
        ProducerTemplate template = context.createProducerTemplate();
        return template.send("direct:publish", e -> e.getIn().setBody(body));
    }

    void failPagesWhere(Predicate<Received> predicate) {
        failWhen = predicate;
    }

    TaxiiConsumer consumer() {
        return (TaxiiConsumer) context.getRoute("poll").getConsumer();
    }

    /** One poll on the test thread. */
    int poll() throws Exception {
        return consumer().poll();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Every object id received, in order, duplicates included. */
    List<String> receivedIds() {
        List<String> ids = new ArrayList<>();
        received.forEach(r -> r.batch().objects().forEach(o -> ids.add(o.id())));
        return ids;
    }

    /** How often each (id, modified) was delivered successfully. */
    Map<String, AtomicInteger> deliveries() {
        return deliveries;
    }

    List<Throwable> reported() {
        return List.copyOf(reported);
    }

    CamelContext context() {
        return context;
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

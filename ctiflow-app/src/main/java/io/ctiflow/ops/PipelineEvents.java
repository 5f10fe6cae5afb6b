package io.ctiflow.ops;

import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.pipeline.Stages;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches Camel's exchange events instead of every class of the pipeline: an input from a source
 * route (a route whose consumer is not {@code direct:}, {@code seda:} or {@code kamelet:}) that
 * completed without failing is a success of its source in {@link SourceHealth}, one that failed
 * without the dead-letter step having recorded it is a failure; and the time of every send to a
 * {@code file:} endpoint (bundle writes) or a sink ({@code taxii:}, {@code signed-webhook:}, ...) is the
 * write or publish stage in {@link Stages}.
 */
final class PipelineEvents extends EventNotifierSupport {

    private static final Set<String> INTERNAL = Set.of("direct", "seda", "kamelet", "vm", "disruptor");
    private static final Set<String> SINKS = Set.of("taxii", "signed-webhook", "kafka", "misp", "siem", "http", "https");

    private final CamelContext context;
    private final SourceHealth health;
    private final Map<String, Boolean> sourceRoutes = new ConcurrentHashMap<>();

    PipelineEvents(CamelContext context, SourceHealth health) {
        this.context = context;
        this.health = health;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent
                || event instanceof CamelEvent.ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSentEvent sent) {
            timeSend(sent.getEndpoint(), sent.getTimeTaken());
            return;
        }
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        // copies made by split/multicast complete too: only the input's own exchange counts
        if (exchange.getProperty(Exchange.CORRELATION_ID) != null || !isSourceRoute(exchange.getFromRouteId())) {
            return;
        }
        boolean recorded = Boolean.TRUE.equals(exchange.getProperty(SourceHealth.FAILED_PROPERTY));
        if (event instanceof CamelEvent.ExchangeFailedEvent || exchange.getException() != null) {
            if (!recorded) {
                health.failed(exchange, exchange.getException());
            }
        } else if (!recorded) {
            health.succeeded(SourceHealth.sourceOf(exchange));
        }
    }

    private void timeSend(Endpoint endpoint, long millis) {
        String uri = endpoint.getEndpointUri();
        String scheme = uri.substring(0, Math.max(0, uri.indexOf(':')));
        // bundle files are timed by feed.BundleFiles itself (a bean, not a file: send)
        if ("file".equals(scheme)) {
            Stages.WRITE.record(millis, TimeUnit.MILLISECONDS);
        } else if (SINKS.contains(scheme)) {
            Stages.PUBLISH.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    private boolean isSourceRoute(String routeId) {
        if (routeId == null) {
            return false;
        }
        return sourceRoutes.computeIfAbsent(routeId, id -> {
            Route route = context.getRoute(id);
            if (route == null) {
                return false;
            }
            String uri = route.getEndpoint().getEndpointUri();
            return !INTERNAL.contains(uri.substring(0, Math.max(0, uri.indexOf(':'))));
        });
    }
}

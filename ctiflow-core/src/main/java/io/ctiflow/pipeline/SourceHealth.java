package io.ctiflow.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The last outcome of every source (a feed folder of the inbox, an HTTP pull, a MISP, TAXII or OTX
 * poll, a mailbox): when it last succeeded, when and why it last failed and how many times in a
 * row. A source is DOWN after {@code failuresToDown} consecutive failures, so one blip does not
 * make the process unready; one success brings it back UP.
 */
public final class SourceHealth {

    /** Set on an exchange whose input failed, so the exchange's completion is not counted as a success. */
    public static final String FAILED_PROPERTY = "CtiflowSourceFailed";

    /** One source's state; a snapshot, immutable. */
    public record State(String source, Instant lastSuccess, Instant lastFailure, String lastFailureReason,
                        int consecutiveFailures, long successes, long failures) {

        public boolean up(int failuresToDown) {
            return consecutiveFailures < failuresToDown;
        }
    }

    private final Map<String, State> sources = new ConcurrentHashMap<>();
    private final Map<String, String> withheld = new ConcurrentHashMap<>();
    private final int failuresToDown;
    private final MeterRegistry meters;

    /**
     * @param meters where {@code ctiflow_source_last_success_timestamp_seconds{source}}, {@code ctiflow_source_up{source}}
     *               and {@code ctiflow_source_failures_total{source}} are registered (null: none)
     */
    public SourceHealth(int failuresToDown, MeterRegistry meters) {
        if (failuresToDown < 1) {
            throw new IllegalArgumentException("ctiflow.health.source-failures must be at least 1, not " + failuresToDown);
        }
        this.failuresToDown = failuresToDown;
        this.meters = meters;
    }

    public int failuresToDown() {
        return failuresToDown;
    }

    public void succeeded(String source) {
        update(source, s -> new State(source, Instant.now(), s.lastFailure(), s.lastFailureReason(), 0, s.successes() + 1, s.failures()));
    }

    public void failed(String source, String reason) {
        update(source, s -> new State(source, s.lastSuccess(), Instant.now(), reason, s.consecutiveFailures() + 1, s.successes(),
                s.failures() + 1));
    }

    /**
     * Notes that the sharing policy withholds everything the source delivers (it has no entry in the
     * policies' sources): shown with the source's health, without making it DOWN, as the source
     * itself works.
     */
    public void withheld(String source, String reason) {
        withheld.put(source, reason);
        update(source, s -> s);
    }

    /** Why the policy withholds everything the source delivers, if it does. */
    public Optional<String> withheldReason(String source) {
        return Optional.ofNullable(withheld.get(source));
    }

    /** Records the failure of the input an exchange carried, and marks the exchange so its completion is no success. */
    public void failed(Exchange exchange, Throwable error) {
        exchange.setProperty(FAILED_PROPERTY, true);
        failed(sourceOf(exchange), error == null ? "unknown" : error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    private void update(String source, UnaryOperator<State> change) {
        boolean[] added = {false};
        sources.compute(source, (k, old) -> {
            if (old == null) {
                added[0] = true;
                old = new State(source, null, null, null, 0, 0, 0);
            }
            return change.apply(old);
        });
        if (added[0] && meters != null) {
            Gauge.builder("ctiflow.source.last.success.timestamp", this, h -> h.lastSuccessSeconds(source))
                    .description("when the source last delivered an input without failing (epoch seconds; 0: never)")
                    .baseUnit("seconds").tag("source", source).register(meters);
            Gauge.builder("ctiflow.source.up", this, h -> h.sources.get(source).up(h.failuresToDown) ? 1 : 0)
                    .description("1 while the source is healthy, 0 after ctiflow.health.source-failures failed inputs in a row (readiness DOWN)")
                    .tag("source", source).register(meters);
            io.micrometer.core.instrument.FunctionCounter.builder("ctiflow.source.failures", this, h -> h.sources.get(source).failures())
                    .description("inputs of the source that failed").tag("source", source).register(meters);
        }
    }

    private double lastSuccessSeconds(String source) {
        State s = sources.get(source);
        return s == null || s.lastSuccess() == null ? 0 : s.lastSuccess().toEpochMilli() / 1000.0;
    }

    /** Every source seen so far, by name. */
    public Map<String, State> all() {
        return new TreeMap<>(sources);
    }

    /**
     * The source an exchange belongs to: {@code inbox/<feed>} for a file dropped into the inbox (its
     * first folder names the feed), else the route that pulled it ({@code urlhaus-http-to-stix-files},
     * {@code misp-to-stix-files}, a connector's Kamelet route): the same name whether the input
     * succeeds or fails early, before any header naming the feed is set.
     */
    public static String sourceOf(Exchange exchange) {
        String file = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        boolean fromFile = exchange.getFromEndpoint() != null && exchange.getFromEndpoint().getEndpointUri().startsWith("file:");
        if (fromFile && file != null && file.replace('\\', '/').contains("/")) {
            String relative = file.replace('\\', '/');
            return "inbox/" + relative.substring(0, relative.indexOf('/'));
        }
        String route = exchange.getFromRouteId();
        return route != null ? route : "(unknown source)";
    }
}

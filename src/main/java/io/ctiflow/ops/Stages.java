package io.ctiflow.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Time spent per pipeline stage ({@code ctiflow_stage_seconds{stage}}) and failed deliveries
 * ({@code ctiflow_delivery_failures_total{destination,endpoint_kind}}), recorded where the work
 * happens into Micrometer's global registry, the way libraries report to whichever registry the
 * application exposes ({@link ObservabilityConfiguration} adds the Prometheus one while it runs).
 */
public final class Stages {

    /** Mapping a batch of records to STIX (mapping file, taxonomy, central STIX mapping). */
    public static final Timer MAP = stage("map");
    /** The jurisdiction filter's fan-out of one batch to every destination. */
    public static final Timer FILTER = stage("filter");
    /** Delivering a batch to a destination's endpoint (TAXII, webhook, Kafka, MISP, SIEM). */
    public static final Timer PUBLISH = stage("publish");
    /** Writing one bundle file (outbox or a destination's share folder). */
    public static final Timer WRITE = stage("write");

    private Stages() {
    }

    private static Timer stage(String name) {
        return Timer.builder("ctiflow.stage").description("time spent per pipeline stage, per batch").tag("stage", name)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(Metrics.globalRegistry);
    }

    /** One delivery that failed after the sink's retries (also dead-lettered in failed-deliveries.jsonl). */
    public static void deliveryFailed(String destination, String endpointUri) {
        String uri = endpointUri == null ? "" : endpointUri;
        int colon = uri.indexOf(':');
        Counter.builder("ctiflow.delivery.failures").description("deliveries to a destination's endpoint that failed after retries")
                .tag("destination", destination == null ? "(none)" : destination)
                .tag("endpoint_kind", colon > 0 ? uri.substring(0, colon) : "(unknown)")
                .register(Metrics.globalRegistry).increment();
    }
}

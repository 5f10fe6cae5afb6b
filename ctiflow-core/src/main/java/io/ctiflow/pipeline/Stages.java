package io.ctiflow.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Time spent per pipeline stage ({@code ctiflow_stage_seconds{stage}}), failed and retried deliveries
 * ({@code ctiflow_delivery_failures_total{destination,endpoint_kind}},
 * {@code ctiflow_delivery_retries_total{destination}}), dead letters written
 * ({@code ctiflow_dead_letters_total{kind=reject|failed_input|failed_delivery}}) and the embedded
 * TAXII server's store ({@code ctiflow_taxii_store_objects_total}, {@code ctiflow_taxii_store_errors_total}),
 * recorded where the work
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

    /** A record the mapping rejected ({@code <feed>.jsonl}). */
    public static final String REJECT = "reject";
    /** An input that failed as a whole ({@code failed-inputs.jsonl}). */
    public static final String FAILED_INPUT = "failed_input";
    /** A delivery that failed after its retries ({@code failed-deliveries.jsonl}). */
    public static final String FAILED_DELIVERY = "failed_delivery";

    private static final Map<String, Counter> DEAD_LETTERS = Map.of(
            REJECT, deadLetterCounter(REJECT), FAILED_INPUT, deadLetterCounter(FAILED_INPUT), FAILED_DELIVERY, deadLetterCounter(FAILED_DELIVERY));

    /** Objects the pipeline wrote into the embedded TAXII server's collections. */
    private static final Counter TAXII_STORED = Counter.builder("ctiflow.taxii.store.objects")
            .description("objects written into the embedded TAXII server's collections (one per destination sharing it)")
            .register(Metrics.globalRegistry);
    /** Writes into the embedded TAXII server's store that failed (the batch fails and is dead-lettered). */
    private static final Counter TAXII_STORE_ERRORS = Counter.builder("ctiflow.taxii.store.errors")
            .description("writes of a batch into the embedded TAXII server's store that failed")
            .register(Metrics.globalRegistry);

    private Stages() {
    }

    private static Counter deadLetterCounter(String kind) {
        return Counter.builder("ctiflow.dead.letters").description("dead letters written, by kind (reject, failed_input, failed_delivery)")
                .tag("kind", kind).register(Metrics.globalRegistry);
    }

    /** {@code count} dead letters of a kind ({@link #REJECT}, {@link #FAILED_INPUT}, {@link #FAILED_DELIVERY}). */
    public static void deadLetters(String kind, int count) {
        DEAD_LETTERS.get(kind).increment(count);
    }

    /** {@code count} objects written into the embedded TAXII store, or one failed write ({@code count < 0}). */
    public static void taxiiStored(int count) {
        if (count < 0) {
            TAXII_STORE_ERRORS.increment();
        } else {
            TAXII_STORED.increment(count);
        }
    }

    /** Makes the delivery counters of a destination (at zero), so that its rates exist before anything failed. */
    public static void expectDeliveries(String destination, List<String> endpointKinds) {
        retries(destination);
        for (String kind : endpointKinds) {
            failures(destination, kind);
        }
    }

    /** One retry of a delivery to a destination's endpoint (ctiflow.delivery.retries). */
    public static void deliveryRetried(String destination) {
        retries(destination).increment();
    }

    private static Counter retries(String destination) {
        return Counter.builder("ctiflow.delivery.retries").description("retries of deliveries to a destination's endpoints")
                .tag("destination", destination == null ? "(none)" : destination).register(Metrics.globalRegistry);
    }

    private static Counter failures(String destination, String endpointKind) {
        return Counter.builder("ctiflow.delivery.failures").description("deliveries to a destination's endpoint that failed after retries")
                .tag("destination", destination == null ? "(none)" : destination).tag("endpoint_kind", endpointKind)
                .register(Metrics.globalRegistry);
    }

    private static Timer stage(String name) {
        return Timer.builder("ctiflow.stage").description("time spent per pipeline stage, per batch").tag("stage", name)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(Metrics.globalRegistry);
    }

    /** One delivery that failed after the sink's retries (also dead-lettered in failed-deliveries.jsonl); kind: taxii, webhook, kafka, ... */
    public static void deliveryFailed(String destination, String endpointKind) {
        failures(destination, endpointKind).increment();
    }
}

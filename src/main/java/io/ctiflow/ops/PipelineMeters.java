package io.ctiflow.ops;

import io.ctiflow.feed.FeedStats;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * ctiflow's counters as Prometheus metrics, read from {@link FeedStats} and {@link PolicyStats}
 * (FunctionCounters: the stats stay the one source of truth, nothing is counted twice):
 * {@code ctiflow_feed_records_total{feed,stage=received|mapped|rejected}},
 * {@code ctiflow_feed_objects_total{feed}}, {@code ctiflow_feed_bundles_total{feed}},
 * {@code ctiflow_feed_failed_inputs_total{feed}} and
 * {@code ctiflow_destination_objects_total{destination,outcome=shared|redacted|withheld}}.
 */
public final class PipelineMeters {

    private PipelineMeters() {
    }

    /** Registers the feed meters for every feed now and for each feed FeedStats meets later. */
    public static void bind(FeedStats stats, MeterRegistry registry) {
        stats.onNewFeed(feed -> bindFeed(feed, stats.of(feed), registry));
        stats.all().forEach((feed, counts) -> bindFeed(feed, counts, registry));
    }

    private static void bindFeed(String feed, FeedStats.Counts c, MeterRegistry registry) {
        counter(registry, "ctiflow.feed.records", "records read from the feed's inputs, by stage", c, x -> x.records.sum(),
                "feed", feed, "stage", "received");
        counter(registry, "ctiflow.feed.records", "records read from the feed's inputs, by stage", c,
                x -> Math.max(0, x.records.sum() - x.rejects.sum()), "feed", feed, "stage", "mapped");
        counter(registry, "ctiflow.feed.records", "records read from the feed's inputs, by stage", c, x -> x.rejects.sum(),
                "feed", feed, "stage", "rejected");
        counter(registry, "ctiflow.feed.objects", "STIX objects mapped from the feed", c, x -> x.objects.sum(), "feed", feed);
        counter(registry, "ctiflow.feed.bundles", "bundle files written for the feed", c, x -> x.bundles.sum(), "feed", feed);
        counter(registry, "ctiflow.feed.failed.inputs", "inputs of the feed that failed as a whole (failed-inputs.jsonl)", c,
                x -> x.failedInputs.sum(), "feed", feed);
    }

    /** Registers shared / redacted / withheld objects per destination of the policy. */
    public static void bind(PolicyStats stats, Policy policy, MeterRegistry registry) {
        for (Destination d : policy.destinations()) {
            for (Outcome outcome : Outcome.values()) {
                counter(registry, "ctiflow.destination.objects", "jurisdiction filter decisions per destination, by outcome", stats,
                        s -> s.count(d.id(), outcome), "destination", d.id(), "outcome", outcome.word());
            }
        }
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source, ToDoubleFunction<T> value,
                                    String... tags) {
        FunctionCounter.builder(name, source, value).description(description).tags(tags).register(registry);
    }
}

package io.ctiflow.ops;

import io.ctiflow.feed.FeedStats;
import io.ctiflow.pipeline.Stages;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Endpoint;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.function.ToDoubleFunction;
/**
 * ctiflow's counters as Prometheus metrics, read from {@link FeedStats} and {@link PolicyStats}
 * (FunctionCounters: the stats stay the one source of truth, nothing is counted twice):
 * {@code ctiflow_feed_records_total{feed,stage=received|mapped|rejected}},
 * {@code ctiflow_feed_objects_total{feed}}, {@code ctiflow_feed_bundles_total{feed}},
 * {@code ctiflow_feed_failed_inputs_total{feed}},
 * {@code ctiflow_destination_objects_total{destination,outcome=shared|redacted|withheld}} and
 * {@code ctiflow_destination_withheld_total{destination,rule}} (the rules of the policy: few values).
 * The delivery counters of {@link Stages} are made per destination here too, at zero, so a rate
 * over them exists before the first failure.
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
            Stages.expectDeliveries(d.id(), endpointKinds(d));
        }
        stats.onNewWithheldRule((destination, rule) -> bindWithheld(stats, destination, rule, registry));
        stats.withheldRules().forEach((destination, rules) -> rules.forEach(rule -> bindWithheld(stats, destination, rule, registry)));
    }

    private static void bindWithheld(PolicyStats stats, String destination, String rule, MeterRegistry registry) {
        counter(registry, "ctiflow.destination.withheld", "objects withheld from a destination, by the rule that withheld them", stats,
                s -> s.withheld(destination, rule), "destination", destination, "rule", rule);
    }

    /** The endpoint kinds a delivery failure of the destination is counted under (the scheme of its sink; none for files and the embedded TAXII server). */
    private static List<String> endpointKinds(Destination d) {
        return d.endpoints().stream().map(Endpoint::kind)
                .filter(kind -> !kind.equals("file") && !kind.equals("embedded-taxii")).distinct().toList();
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source, ToDoubleFunction<T> value,
                                    String... tags) {
        FunctionCounter.builder(name, source, value).description(description).tags(tags).register(registry);
    }
}

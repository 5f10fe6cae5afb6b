package io.ctiflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyStats;
import io.ctiflow.stix.Stix;
import io.ctiflow.app.CtiflowRouteTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /observe/metrics and /observe/health after a real run of the example feeds through the routes of routes/. */
class MetricsEndpointTest extends CtiflowRouteTestSupport {

    /** The management server on a free port of 127.0.0.1. */
    @Override
    protected Map<String, String> properties() {
        return OpsTestSupport.MANAGEMENT;
    }

    @Test
    void theScrapeCountsWhatTheStatsCountPerFeedAndDestination() throws Exception {
        int inputs = OpsTestSupport.dropExamples(work.resolve("inbox"));
        await().atMost(Duration.ofSeconds(60)).until(() -> OpsTestSupport.countFiles(work.resolve("inbox/.done")) == inputs
                && context.getInflightRepository().size() == 0);

        HttpResponse<String> response = OpsTestSupport.get(context, ManagementServer.METRICS);
        assertThat(response.statusCode()).isEqualTo(200);
        String scrape = response.body();

        assertThat(OpsTestSupport.sample(scrape, "ctiflow_build_info", Map.of("version", BuildVersion.current()))).isEqualTo(1.0);
        var registry = context.getRegistry();
        FeedStats feeds = registry.lookupByNameAndType("feedStats", FeedStats.class);
        assertThat(feeds.all()).containsKeys("urlhaus", "feodotracker", "cert-eu");
        feeds.all().forEach((feed, c) -> {
            assertThat(OpsTestSupport.sample(scrape, "ctiflow_feed_records_total", Map.of("feed", feed, "stage", "received")))
                    .as("received records of " + feed).isEqualTo((double) c.records.sum());
            assertThat(OpsTestSupport.sample(scrape, "ctiflow_feed_records_total", Map.of("feed", feed, "stage", "rejected")))
                    .as("rejected records of " + feed).isEqualTo((double) c.rejects.sum());
            assertThat(OpsTestSupport.sample(scrape, "ctiflow_feed_objects_total", Map.of("feed", feed)))
                    .as("objects of " + feed).isEqualTo((double) c.objects.sum());
        });
        // the example urlhaus file has 4 broken rows: rejected, and not counted as mapped
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_feed_records_total", Map.of("feed", "urlhaus", "stage", "rejected"))).isEqualTo(4.0);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_feed_records_total", Map.of("feed", "urlhaus", "stage", "mapped")))
                .isEqualTo((double) feeds.of("urlhaus").records.sum() - 4);

        PolicyStats decisions = registry.lookupByNameAndType("policyStats", PolicyStats.class);
        Policy policy = registry.lookupByNameAndType("policy", Policy.class);
        long withheldSomewhere = 0;
        for (Destination d : policy.destinations()) {
            for (Outcome outcome : Outcome.values()) {
                assertThat(OpsTestSupport.sample(scrape, "ctiflow_destination_objects_total",
                        Map.of("destination", d.id(), "outcome", outcome.word())))
                        .as(outcome.word() + " for " + d.id()).isEqualTo((double) decisions.count(d.id(), outcome));
            }
            withheldSomewhere += decisions.count(d.id(), Outcome.WITHHELD);
            assertThat(decisions.count(d.id(), Outcome.SHARED)).as("shared with " + d.id()).isPositive();
        }
        assertThat(withheldSomewhere).as("the shipped policies withhold something").isPositive();

        // stage timers and Camel's own route metrics sit in the same scrape
        for (String stage : List.of("map", "filter", "write")) {
            assertThat(OpsTestSupport.sample(scrape, "ctiflow_stage_seconds_count", Map.of("stage", stage))).as(stage).isPositive();
        }
        assertThat(OpsTestSupport.sample(scrape, "camel_exchanges_total", Map.of("routeId", "csv-files-to-stix-files")))
                .isEqualTo((double) inputs);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_source_last_success_timestamp_seconds", Map.of("source", "inbox/urlhaus")))
                .isGreaterThan(1.7e9);

        HttpResponse<String> live = OpsTestSupport.get(context, ManagementServer.LIVE);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(Stix.mapper().readTree(live.body()).path("status").asText()).isEqualTo("UP");
        HttpResponse<String> ready = OpsTestSupport.get(context, ManagementServer.READY + "?data=true");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode urlhaus = check(Stix.mapper().readTree(ready.body()), "source:inbox/urlhaus");
        assertThat(urlhaus.path("status").asText()).isEqualTo("UP");
        assertThat(urlhaus.path("data").path("consecutive_failures").asText()).isEqualTo("0");
    }

    static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no health check " + name + " in " + health);
    }
}

package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A scheduled taxii: consumer stopped in the middle of a collection and started again resumes from its checkpoint. */
class TaxiiConsumerRestartTest {

    @TempDir
    Path dir;

    private EmbeddedTaxii server;

    @BeforeEach
    void start() {
        server = EmbeddedTaxii.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stopAndStartResumesWithoutLossOrDuplicates() throws Exception {
        // far more than the first consumer takes before it is stopped: a fast store must not let it read them all first
        List<StixObject> objects = TestObjects.indicators("restart", 22_000);
        Publisher publisher = new Publisher(new TaxiiClient(EmbeddedTaxii.alice(server.collectionUrl())));
        assertThat(publisher.publish(objects.subList(0, 20_000).iterator()).failures()).isEmpty();
        String uri = EmbeddedTaxii.uri("feed", server.collectionUrl(), "checkpointDir=" + dir.resolve("state")
                + "&pageSize=250&startScheduler=true&initialDelay=0&delay=20");
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

        try (TaxiiRoutes first = new TaxiiRoutes(null, uri)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.receivedIds().size() >= 1_000);
            first.context().getRouteController().stopRoute("poll");
            merge(deliveries, first);
        }
        assertThat(deliveries.size()).as("stopped part-way").isBetween(1_000, 19_999);

        assertThat(publisher.publish(objects.subList(20_000, 22_000).iterator()).failures()).isEmpty();
        try (TaxiiRoutes second = new TaxiiRoutes(null, uri)) {
            int before = deliveries.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> second.receivedIds().size() >= 22_000 - before);
            merge(deliveries, second);
        }
        assertThat(deliveries).hasSize(22_000).allSatisfy((key, count) -> assertThat(count.get()).as(key).isEqualTo(1));
    }

    private static void merge(Map<String, AtomicInteger> into, TaxiiRoutes routes) {
        routes.deliveries().forEach((key, count) -> into.computeIfAbsent(key, k -> new AtomicInteger()).addAndGet(count.get()));
    }
}

package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.ctiflow.taxii.client.TaxiiPages.deliveries;
import static io.ctiflow.taxii.client.TaxiiPages.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A scheduled taxii: consumer stopped in the middle of a collection and started again resumes from its checkpoint. */
class TaxiiConsumerRestartTest extends PollingConsumerTestSupport {

    @TempDir
    Path dir;

    private EmbeddedTaxii server;

    @Override
    protected void setupResources() {
        server = EmbeddedTaxii.start(dir);
    }

    @Override
    protected void cleanupResources() {
        server.close();
    }

    @Test
    void stopAndStartResumesWithoutLossOrDuplicates() throws Exception {
        // far more than the first consumer takes before it is stopped: a fast store must not let it read them all first
        List<StixObject> objects = TestObjects.indicators("restart", 22_000);
        Publisher publisher = new Publisher(new TaxiiClient(EmbeddedTaxii.alice(server.collectionUrl())));
        assertThat(publisher.publish(objects.subList(0, 20_000).iterator()).failures()).isEmpty();
        MockEndpoint pages = consume("poll", EmbeddedTaxii.uri("feed", server.collectionUrl(), "checkpointDir=" + dir.resolve("state")
                + "&pageSize=250&startScheduler=true&initialDelay=0&delay=20"));

        await().atMost(Duration.ofSeconds(30)).until(() -> ids(pages).size() >= 1_000);
        context.stop(); // ctiflow stopped part-way
        Map<String, Integer> deliveries = new TreeMap<>(deliveries(pages));
        assertThat(deliveries.size()).as("stopped part-way").isBetween(1_000, 19_999);

        assertThat(publisher.publish(objects.subList(20_000, 22_000).iterator()).failures()).isEmpty();
        restart(); // started again on the same checkpoint store
        MockEndpoint after = getMockEndpoint("mock:poll");
        int before = deliveries.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> ids(after).size() >= 22_000 - before);
        deliveries(after).forEach((key, count) -> deliveries.merge(key, count, Integer::sum));
        assertThat(deliveries).hasSize(22_000).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    }
}

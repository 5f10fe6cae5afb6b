package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers that page badly, played by the proxy in front of the real server: the consumer neither
 * loops, nor skips, nor delivers an object twice, and the next poll picks up where it stopped.
 */
class TaxiiPagingPathologiesTest {

    @TempDir
    Path dir;

    private EmbeddedTaxii server;
    private MisbehavingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedTaxii.start(dir);
        proxy = MisbehavingProxy.in(server.base());
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    /** Publishes in envelopes of {@code perEnvelope} objects: each envelope gets its own date_added. */
    private List<StixObject> publish(String prefix, int count, int perEnvelope) {
        List<StixObject> objects = TestObjects.indicators(prefix, count);
        Publisher publisher = new Publisher(new TaxiiClient(EmbeddedTaxii.alice(server.collectionUrl())));
        for (int i = 0; i < count; i += perEnvelope) {
            assertThat(publisher.publish(objects.subList(i, Math.min(count, i + perEnvelope)).iterator()).failures()).isEmpty();
        }
        return objects;
    }

    private TaxiiRoutes routes(int pageSize) throws Exception {
        return new TaxiiRoutes(null, EmbeddedTaxii.uri("feed", proxy.url(server.collectionUrl()),
                "checkpointDir=" + dir.resolve("state") + "&pageSize=" + pageSize));
    }

    private static void assertExactlyOnce(TaxiiRoutes routes, List<StixObject> objects) {
        assertThat(routes.receivedIds()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(objects.stream().map(StixObject::id).toList());
    }

    @Test
    void aServerThatIgnoresLimitAndSendsMoreLosesNothing() throws Exception {
        List<StixObject> objects = publish("big", 1_000, 1_000);
        proxy.ignoreLimit(4);
        try (TaxiiRoutes routes = routes(100)) {
            assertThat(routes.poll()).isEqualTo(1_000);
            assertThat(routes.received()).hasSize(3).first().satisfies(r -> assertThat(r.batch().objects()).hasSize(400));
            assertExactlyOnce(routes, objects);
        }
    }

    @Test
    void aRepeatedPageEndsThePollAndTheNextPollContinues() throws Exception {
        List<StixObject> objects = publish("repeat", 1_000, 1_000);
        proxy.repeatPageFrom(3);
        try (TaxiiRoutes routes = routes(100)) {
            assertThat(routes.poll()).isEqualTo(200);
            assertThat(proxy.objectPagesServed()).as("no loop: stopped at the repeat").isEqualTo(3);
            proxy.behave();
            assertThat(routes.poll()).isEqualTo(800);
            assertExactlyOnce(routes, objects);
        }
    }

    @Test
    void anEmptyPageThatClaimsMoreEndsThePollSafely() throws Exception {
        List<StixObject> objects = publish("empty", 300, 300);
        proxy.emptyPageWithMoreAt(2);
        try (TaxiiRoutes routes = routes(100)) {
            assertThat(routes.poll()).isEqualTo(100);
            proxy.behave();
            assertThat(routes.poll()).isEqualTo(200);
            assertExactlyOnce(routes, objects);
        }
    }

    @Test
    void withoutNextPagingContinuesFromTheLastDateAddedAndDropsTheOverlap() throws Exception {
        // five envelopes (five date_added values); pages of 15 cut through them, so each resume re-reads part of one
        List<StixObject> objects = publish("nonext", 50, 10);
        proxy.dropNext();
        try (TaxiiRoutes routes = routes(15)) {
            assertThat(routes.poll()).isEqualTo(50);
            assertExactlyOnce(routes, objects);
            assertThat(routes.poll()).isZero();
        }
        assertThat(proxy.seen()).allSatisfy(s -> assertThat(s.pathAndQuery()).doesNotContain("next="));
    }

    @Test
    void withoutNextAPageOfObjectsSharingOneDateAddedCannotBeLeftAndThePollStopsInsteadOfLooping() throws Exception {
        List<StixObject> objects = publish("stuck", 50, 50);
        proxy.dropNext();
        try (TaxiiRoutes routes = routes(20)) {
            assertThat(routes.poll()).isEqualTo(20);
            assertThat(proxy.objectPagesServed()).isLessThanOrEqualTo(2);
            proxy.behave();
            assertThat(routes.poll()).as("with next again: the other 30").isEqualTo(30);
            assertExactlyOnce(routes, objects);
        }
    }
}

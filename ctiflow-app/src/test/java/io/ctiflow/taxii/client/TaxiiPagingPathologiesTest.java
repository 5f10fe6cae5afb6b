package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.taxii.client.TaxiiPages.batches;
import static io.ctiflow.taxii.client.TaxiiPages.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers that page badly, played by the proxy in front of the real server: the consumer neither
 * loops, nor skips, nor delivers an object twice, and the next poll picks up where it stopped.
 */
class TaxiiPagingPathologiesTest extends PollingConsumerTestSupport {

    @TempDir
    Path dir;

    private EmbeddedTaxii server;
    private MisbehavingProxy proxy;

    @Override
    protected void setupResources() throws Exception {
        server = EmbeddedTaxii.start(dir);
        proxy = MisbehavingProxy.in(server.base());
    }

    @Override
    protected void cleanupResources() {
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

    /** The route "poll" from the consumer behind the proxy. */
    private MockEndpoint pages(int pageSize) throws Exception {
        return consume("poll", EmbeddedTaxii.uri("feed", proxy.url(server.collectionUrl()),
                "checkpointDir=" + dir.resolve("state") + "&pageSize=" + pageSize));
    }

    private static void assertExactlyOnce(MockEndpoint pages, List<StixObject> objects) {
        assertThat(ids(pages)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(objects.stream().map(StixObject::id).toList());
    }

    @Test
    void aServerThatIgnoresLimitAndSendsMoreLosesNothing() throws Exception {
        List<StixObject> objects = publish("big", 1_000, 1_000);
        proxy.ignoreLimit(4);
        MockEndpoint pages = pages(100);
        pages.expectedMessageCount(3);
        assertThat(poll("poll").messages()).isEqualTo(1_000);
        assertSatisfied(pages);
        assertThat(batches(pages)).first().satisfies(b -> assertThat(b.objects()).hasSize(400));
        assertExactlyOnce(pages, objects);
    }

    @Test
    void aRepeatedPageEndsThePollAndTheNextPollContinues() throws Exception {
        List<StixObject> objects = publish("repeat", 1_000, 1_000);
        proxy.repeatPageFrom(3);
        MockEndpoint pages = pages(100);
        assertThat(poll("poll").messages()).isEqualTo(200);
        assertThat(proxy.objectPagesServed()).as("no loop: stopped at the repeat").isEqualTo(3);
        proxy.behave();
        assertThat(poll("poll").messages()).isEqualTo(800);
        assertExactlyOnce(pages, objects);
    }

    @Test
    void anEmptyPageThatClaimsMoreEndsThePollSafely() throws Exception {
        List<StixObject> objects = publish("empty", 300, 300);
        proxy.emptyPageWithMoreAt(2);
        MockEndpoint pages = pages(100);
        assertThat(poll("poll").messages()).isEqualTo(100);
        proxy.behave();
        assertThat(poll("poll").messages()).isEqualTo(200);
        assertExactlyOnce(pages, objects);
    }

    @Test
    void withoutNextPagingContinuesFromTheLastDateAddedAndDropsTheOverlap() throws Exception {
        // five envelopes (five date_added values); pages of 15 cut through them, so each resume re-reads part of one
        List<StixObject> objects = publish("nonext", 50, 10);
        proxy.dropNext();
        MockEndpoint pages = pages(15);
        assertThat(poll("poll").messages()).isEqualTo(50);
        assertExactlyOnce(pages, objects);
        assertThat(poll("poll").messages()).isZero();
        assertThat(proxy.seen()).allSatisfy(s -> assertThat(s.pathAndQuery()).doesNotContain("next="));
    }

    @Test
    void withoutNextAPageOfObjectsSharingOneDateAddedCannotBeLeftAndThePollStopsInsteadOfLooping() throws Exception {
        List<StixObject> objects = publish("stuck", 50, 50);
        proxy.dropNext();
        MockEndpoint pages = pages(20);
        assertThat(poll("poll").messages()).isEqualTo(20);
        assertThat(proxy.objectPagesServed()).isLessThanOrEqualTo(2);
        proxy.behave();
        assertThat(poll("poll").messages()).as("with next again: the other 30").isEqualTo(30);
        assertExactlyOnce(pages, objects);
    }
}

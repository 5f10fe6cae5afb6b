package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.ctiflow.taxii.client.TaxiiPages.batches;
import static io.ctiflow.taxii.client.TaxiiPages.deliveries;
import static io.ctiflow.taxii.client.TaxiiPages.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The taxii: consumer paging the real server's collection: next, added_after, shared date_added, checkpoints. */
class TaxiiConsumerPagingTest extends PollingConsumerTestSupport {

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

    private void publish(List<StixObject> objects) {
        PublishResult r = new Publisher(new TaxiiClient(EmbeddedTaxii.alice(server.collectionUrl()))).publish(objects.iterator());
        assertThat(r.failures()).isEmpty();
    }

    private String consumer(String options) {
        return EmbeddedTaxii.uri("feed", server.collectionUrl(), "checkpointDir=" + dir.resolve("state") + "&" + options);
    }

    @Test
    void tenThousandObjectsSharingOneDateAddedArriveExactlyOnceEvenWhenAPageFailsHalfWay() throws Exception {
        List<StixObject> objects = TestObjects.indicators("many", 10_000);
        publish(objects); // one envelope: the server gives all of them the same date_added
        MockEndpoint pages = consume("poll", consumer("pageSize=700"));
        AtomicInteger seen = new AtomicInteger();
        failExchangesWhere(e -> seen.incrementAndGet() == 6);

        pages.expectedMessageCount(5);
        assertThat(poll("poll").messages()).as("pages 1-5 delivered, page 6 failed").isEqualTo(3_500);
        assertSatisfied(pages);
        assertThat(reported()).hasSize(1);

        assertThat(poll("poll").messages()).as("the failed page and the rest").isEqualTo(6_500);
        assertThat(poll("poll").messages()).as("nothing new").isZero();
        assertThat(batches(pages)).allSatisfy(b -> assertThat(b.objects()).hasSizeLessThanOrEqualTo(700));
        assertThat(deliveries(pages)).hasSize(10_000).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(Files.readString(dir.resolve("state/taxii.feed.json"))).contains("dateAddedLast");
    }

    @Test
    void addedAfterCombinesWithNextAndLaterObjectsComeInTheNextPoll() throws Exception {
        publish(TestObjects.indicators("first", 30));
        MockEndpoint feed = consume("feed", consumer("pageSize=1000"));
        assertThat(poll("feed").messages()).isEqualTo(30);
        String firstLast = feed.getExchanges().get(0).getIn().getHeader(TaxiiConstants.DATE_ADDED_LAST, String.class);
        publish(TestObjects.indicators("second", 25));
        publish(TestObjects.indicators("third", 25));

        MockEndpoint later = consume("later", consumer("pageSize=7&addedAfter=" + firstLast).replace("taxii:feed?", "taxii:later?"));
        later.expectedMessageCount(8);
        assertThat(poll("later").messages()).isEqualTo(50);
        assertSatisfied(later);
        assertThat(ids(later)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(idsOf(TestObjects.indicators("second", 25), TestObjects.indicators("third", 25)));

        // ctiflow restarted: feed reads its checkpoint again from the same store
        restart();
        MockEndpoint restarted = getMockEndpoint("mock:feed");
        assertThat(poll("feed").messages()).as("the checkpoint of feed: only what came after its first poll").isEqualTo(50);
        publish(List.of(TestObjects.indicator("fourth", 1, 0)));
        assertThat(poll("feed").messages()).isEqualTo(1);
        assertThat(ids(restarted)).doesNotHaveDuplicates().hasSize(51);
    }

    @Test
    void aNewVersionOfAnObjectIsDeliveredAgain() throws Exception {
        StixObject v1 = TestObjects.indicator("versioned", 1, 0);
        publish(List.of(v1));
        var tree = v1.tree();
        tree.put("modified", "2024-06-01T00:00:00.000Z");
        StixObject v2 = StixObject.of(tree);
        MockEndpoint pages = consume("poll", consumer("pageSize=10"));
        pages.expectedMessageCount(2);
        assertThat(poll("poll").messages()).isEqualTo(1);
        publish(List.of(v2));
        assertThat(poll("poll").messages()).isEqualTo(1);
        assertSatisfied(pages);
        assertThat(batches(pages).get(1).objects()).extracting(StixObject::modified).containsExactly("2024-06-01T00:00:00.000Z");
    }

    @Test
    void rejectedCredentialsFailThePollWithAClearErrorAndMoveNothing() throws Exception {
        publish(TestObjects.indicators("locked", 3));
        String wrong = consumer("pageSize=10").replace("password=" + EmbeddedTaxii.ALICE_PASSWORD, "password=wrongPw99");
        String other = EmbeddedTaxii.uri("feed", server.apiRootUrl(), "collection=Other&checkpointDir=" + dir.resolve("state"))
                .replace("username=" + EmbeddedTaxii.ALICE + "&password=" + EmbeddedTaxii.ALICE_PASSWORD,
                        "username=" + EmbeddedTaxii.BOB + "&password=" + EmbeddedTaxii.BOB_PASSWORD);
        MockEndpoint rejected = consume("wrong", wrong);
        MockEndpoint hidden = consume("other", other);
        rejected.expectedMessageCount(0);
        hidden.expectedMessageCount(0);

        assertThat(poll("wrong").error()).isInstanceOf(TaxiiAuthenticationException.class)
                .hasMessageContaining("GET " + server.collectionUrl() + "objects/")
                .hasMessageContaining("HTTP 401 not authenticated").hasMessageNotContaining("wrongPw99");
        assertThat(poll("other").error()).as("bob may not even see the collection Other").isInstanceOf(TaxiiException.class)
                .hasMessageContaining("'Other'");
        MockEndpoint.assertIsSatisfied(rejected, hidden);
        assertThat(dir.resolve("state/taxii.feed.json")).doesNotExist();
    }

    static List<String> idsOf(List<StixObject> a, List<StixObject> b) {
        return Stream.concat(a.stream(), b.stream()).map(StixObject::id).toList();
    }
}

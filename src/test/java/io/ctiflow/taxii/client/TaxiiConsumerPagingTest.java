package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The taxii: consumer paging the real server's collection: next, added_after, shared date_added, checkpoints. */
class TaxiiConsumerPagingTest {

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

        try (TaxiiRoutes routes = new TaxiiRoutes(null, consumer("pageSize=700"))) {
            AtomicInteger pages = new AtomicInteger();
            routes.failPagesWhere(r -> pages.incrementAndGet() == 6);
            assertThat(routes.poll()).as("pages 1-5 delivered, page 6 failed").isEqualTo(3_500);
            assertThat(routes.reported()).hasSize(1);

            assertThat(routes.poll()).as("the failed page and the rest").isEqualTo(6_500);
            assertThat(routes.poll()).as("nothing new").isZero();
            assertThat(routes.received()).allSatisfy(r -> assertThat(r.batch().objects()).hasSizeLessThanOrEqualTo(700));
            assertThat(routes.deliveries()).hasSize(10_000)
                    .allSatisfy((key, count) -> assertThat(count.get()).as(key).isEqualTo(1));
        }
        assertThat(Files.readString(dir.resolve("state/taxii.feed.json"))).contains("dateAddedLast");
    }

    @Test
    void addedAfterCombinesWithNextAndLaterObjectsComeInTheNextPoll() throws Exception {
        publish(TestObjects.indicators("first", 30));
        String firstLast;
        try (TaxiiRoutes routes = new TaxiiRoutes(null, consumer("pageSize=1000"))) {
            assertThat(routes.poll()).isEqualTo(30);
            firstLast = (String) routes.received().get(0).headers().get(TaxiiConstants.DATE_ADDED_LAST);
        }
        publish(TestObjects.indicators("second", 25));
        publish(TestObjects.indicators("third", 25));

        String fresh = consumer("pageSize=7&addedAfter=" + firstLast).replace("taxii:feed?", "taxii:later?");
        try (TaxiiRoutes later = new TaxiiRoutes(null, fresh)) {
            assertThat(later.poll()).isEqualTo(50);
            assertThat(later.receivedIds()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ids(TestObjects.indicators("second", 25), TestObjects.indicators("third", 25)));
            assertThat(later.received()).hasSize(8);
        }

        try (TaxiiRoutes routes = new TaxiiRoutes(null, consumer("pageSize=1000"))) {
            assertThat(routes.poll()).as("the checkpoint of feed: only what came after its first poll").isEqualTo(50);
            publish(List.of(TestObjects.indicator("fourth", 1, 0)));
            assertThat(routes.poll()).isEqualTo(1);
            assertThat(routes.receivedIds()).doesNotHaveDuplicates().hasSize(51);
        }
    }

    @Test
    void aNewVersionOfAnObjectIsDeliveredAgain() throws Exception {
        StixObject v1 = TestObjects.indicator("versioned", 1, 0);
        publish(List.of(v1));
        var tree = v1.tree();
        tree.put("modified", "2024-06-01T00:00:00.000Z");
        StixObject v2 = StixObject.of(tree);
        try (TaxiiRoutes routes = new TaxiiRoutes(null, consumer("pageSize=10"))) {
            assertThat(routes.poll()).isEqualTo(1);
            publish(List.of(v2));
            assertThat(routes.poll()).isEqualTo(1);
            assertThat(routes.received().get(1).batch().objects()).extracting(StixObject::modified)
                    .containsExactly("2024-06-01T00:00:00.000Z");
        }
    }

    @Test
    void rejectedCredentialsFailThePollWithAClearErrorAndMoveNothing() throws Exception {
        publish(TestObjects.indicators("locked", 3));
        String wrong = consumer("pageSize=10").replace("password=" + EmbeddedTaxii.ALICE_PASSWORD, "password=wrongPw99");
        String other = EmbeddedTaxii.uri("feed", server.apiRootUrl(), "collection=Other&checkpointDir=" + dir.resolve("state"))
                .replace("username=" + EmbeddedTaxii.ALICE + "&password=" + EmbeddedTaxii.ALICE_PASSWORD,
                        "username=" + EmbeddedTaxii.BOB + "&password=" + EmbeddedTaxii.BOB_PASSWORD);
        try (TaxiiRoutes routes = new TaxiiRoutes(null, wrong)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(routes::poll)
                    .isInstanceOf(TaxiiAuthenticationException.class)
                    .hasMessageContaining("GET " + server.collectionUrl() + "objects/")
                    .hasMessageContaining("HTTP 401 not authenticated").hasMessageNotContaining("wrongPw99");
            assertThat(routes.received()).isEmpty();
        }
        try (TaxiiRoutes routes = new TaxiiRoutes(null, other)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(routes::poll)
                    .as("bob may not even see the collection Other").isInstanceOf(TaxiiException.class)
                    .hasMessageContaining("'Other'");
        }
        assertThat(dir.resolve("state/taxii.feed.json")).doesNotExist();
    }

    static List<String> ids(List<StixObject> a, List<StixObject> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).map(StixObject::id).toList();
    }
}

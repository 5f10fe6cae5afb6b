package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.Mappings;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.StixObject;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ctiflow.taxii.client.TaxiiPages.batches;
import static io.ctiflow.taxii.client.TaxiiPages.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The taxii: producer against the real embedded server: bodies it takes, URL kinds, read back, valid STIX. */
class TaxiiPublishTest extends PollingConsumerTestSupport {

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

    private Exchange publish(Object body) {
        return template.send("direct:publish", e -> e.getIn().setBody(body));
    }

    @Test
    void aListIsPublishedConfirmedAndReadBackAsAValidBundle() throws Exception {
        List<StixObject> objects = TestObjects.indicators("list", 50);
        String url = server.collectionUrl();
        produce("publish", EmbeddedTaxii.uri("out", url, ""));
        MockEndpoint pages = consume("poll", EmbeddedTaxii.uri("in", url, "checkpointDir=" + dir.resolve("state")));
        pages.expectedMessageCount(1);
        pages.expectedHeaderReceived(TaxiiConstants.FEED, "in");
        pages.expectedHeaderReceived(TaxiiConstants.COLLECTION, url);
        pages.message(0).header(TaxiiConstants.DATE_ADDED_LAST).isNotNull();

        Exchange done = publish(objects);
        assertThat(done.getException()).isNull();
        assertThat(done.getIn().getHeader(TaxiiConstants.POSTED, Long.class)).isEqualTo(50);
        assertThat(done.getIn().getHeader(TaxiiConstants.SUCCEEDED, Long.class)).isEqualTo(50);
        assertThat(done.getIn().getHeader(TaxiiConstants.FAILURES, List.class)).isEmpty();
        assertThat(done.getIn().getHeader(TaxiiConstants.STATUS_IDS, List.class)).hasSize(1);

        assertThat(poll("poll").messages()).isEqualTo(50);
        assertSatisfied(pages);
        assertThat(ids(pages)).containsExactlyInAnyOrderElementsOf(objects.stream().map(StixObject::id).toList());
        assertThat(batches(pages).get(0).bundleName()).startsWith("in-" + EmbeddedTaxii.INDICATORS + "-");

        ObjectNode bundle = Stix.mapper().createObjectNode().put("type", "bundle")
                .put("id", "bundle--0b1e6c8a-3a49-4e0b-9c58-2f8c9c1d7e11");
        ArrayNode array = bundle.putArray("objects");
        batches(pages).forEach(b -> b.objects().forEach(o -> array.add(o.tree())));
        StixAssertions.assertValidBundle(bundle, "objects read back from the TAXII collection");
    }

    @Test
    void bundlesAsBytesStringOrTreeAndSingleObjectsArePublished() throws Exception {
        produce("publish", EmbeddedTaxii.uri("out", server.collectionUrl(), ""));
        String bundle = bundle(TestObjects.indicators("text", 3));
        assertThat(publish(bundle).getIn().getHeader(TaxiiConstants.SUCCEEDED, Long.class)).isEqualTo(3);
        assertThat(publish(bundle(TestObjects.indicators("bytes", 2)).getBytes(StandardCharsets.UTF_8))
                .getIn().getHeader(TaxiiConstants.SUCCEEDED, Long.class)).isEqualTo(2);
        assertThat(publish(Stix.mapper().readTree(bundle(TestObjects.indicators("tree", 4))))
                .getIn().getHeader(TaxiiConstants.SUCCEEDED, Long.class)).isEqualTo(4);
        assertThat(publish(TestObjects.indicator("single", 1, 0))
                .getIn().getHeader(TaxiiConstants.SUCCEEDED, Long.class)).isEqualTo(1);
        assertThat(readAll(server.collectionUrl(), null)).hasSize(10);
    }

    @Test
    void discoveryAndApiRootUrlsLeadToTheCollectionByTitleOrId() {
        TaxiiConfiguration byTitle = EmbeddedTaxii.alice(server.discoveryUrl());
        byTitle.setCollection("Indicators");
        assertThat(new TaxiiClient(byTitle).collection().url().toString()).isEqualTo(server.collectionUrl());

        TaxiiConfiguration byId = EmbeddedTaxii.alice(server.apiRootUrl());
        byId.setCollection(EmbeddedTaxii.OTHER.toString());
        assertThat(new TaxiiClient(byId).collection().title()).isEqualTo("Other");

        TaxiiConfiguration unknown = EmbeddedTaxii.alice(server.apiRootUrl());
        unknown.setCollection("Nope");
        Assertions.assertThatThrownBy(() -> new TaxiiClient(unknown).collection())
                .isInstanceOf(TaxiiException.class)
                .hasMessageContaining(server.apiRootUrl()).hasMessageContaining("'Nope'").hasMessageContaining("Indicators");
    }

    @Test
    void batchesOfTheRealPipelineTravelThroughTheCollectionAndComeBackValid() throws Exception {
        // feodotracker's real sample through the mapping pipeline: indicators, malware, relationships, identity,
        // TLP marking and the ctiflow extension-definition, in two batches that share the common objects
        Mappings mappings = new Mappings(Path.of("mappings"));
        Map<String, String> sent = new HashMap<>();
        String url = server.collectionUrl();
        produce("publish", EmbeddedTaxii.uri("out", url, ""));
        MockEndpoint pages = consume("poll", EmbeddedTaxii.uri("in", url, "checkpointDir=" + dir.resolve("state")));
        try (var in = Files.newInputStream(Path.of("ctiflow-app/src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv"));
             var converter = new FeedConverter(in, "ipblocklist.csv", mappings.feed("feodotracker"),
                     mappings.toStix(), 20)) {
            while (converter.hasNext()) {
                Batch batch = converter.next();
                batch.objects().forEach(o -> sent.put(o.id(), o.modified()));
                Exchange done = publish(batch);
                assertThat(done.getException()).as("batch %s", batch.sequence()).isNull();
            }
        }
        assertThat(sent).hasSizeGreaterThan(28);
        assertThat(poll("poll").error()).isNull();
        ObjectNode bundle = Stix.mapper().createObjectNode().put("type", "bundle")
                .put("id", "bundle--7c9d1e0f-2a3b-4c5d-8e6f-0a1b2c3d4e5f");
        ArrayNode array = bundle.putArray("objects");
        batches(pages).forEach(b -> b.objects().forEach(o -> array.add(o.tree())));
        assertThat(ids(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent.keySet());
        StixAssertions.assertValidBundle(bundle, "feodotracker through the TAXII collection");
    }

    static String bundle(List<StixObject> objects) {
        StringBuilder b = new StringBuilder("{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[");
        for (int i = 0; i < objects.size(); i++) {
            b.append(i > 0 ? "," : "").append(objects.get(i));
        }
        return b.append("]}").toString();
    }

    /** Every object of the collection, read with the client (no checkpoint). */
    static List<StixObject> readAll(String url, String addedAfter) {
        List<StixObject> all = new ArrayList<>();
        new CollectionReader(new TaxiiClient(EmbeddedTaxii.alice(url)), 1000).read(PollPosition.startingAfter(addedAfter),
                page -> all.addAll(page.objects()), () -> true);
        return all;
    }
}

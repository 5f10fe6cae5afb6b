package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowCli;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ctiflow.taxii.client.TaxiiPages.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that, like the OASIS reference server medallion, hands out one {@code next} value for
 * every page of a query (legal: next is opaque): the consumer and {@code ctiflow poll} read the whole
 * collection, each object once, and do not stop after the second page.
 */
class TaxiiMedallionPagingTest extends PollingConsumerTestSupport {

    @TempDir
    Path dir;

    private List<StixObject> objects;
    private MedallionLikeServer server;

    @Override
    protected void setupResources() throws Exception {
        objects = TestObjects.indicators("medallion", 250);
        server = new MedallionLikeServer(objects, 10); // 25 date_added values; pages of 40 cut through them
    }

    @Override
    protected void cleanupResources() {
        server.close();
    }

    private List<String> published() {
        return objects.stream().map(StixObject::id).toList();
    }

    @Test
    void theConsumerFollowsOneNextValueThroughEveryPageAndGetsEachObjectOnce() throws Exception {
        MockEndpoint pages = consume("poll", EmbeddedTaxii.uri("medallion", server.collectionUrl(),
                "checkpointDir=" + dir.resolve("state") + "&pageSize=40"));
        pages.expectedMessageCount(7);
        assertThat(poll("poll").messages()).isEqualTo(250);
        assertSatisfied(pages);
        assertThat(ids(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published());
        assertThat(server.nextValuesSent()).as("the server really repeated its next").hasSize(6)
                .containsOnly(server.nextValuesSent().get(0));
        assertThat(reported()).isEmpty();

        assertThat(poll("poll").messages()).as("the next poll: nothing new, nothing twice").isZero();
        assertSatisfied(pages);
        assertThat(ids(pages)).doesNotHaveDuplicates();
    }

    @Test
    void ctiflowPollWritesTheWholeCollectionAndExitsZero() throws Exception {
        Path out = dir.resolve("polled.json");
        StringWriter err = new StringWriter();
        int code = CtiflowCli.execute(new String[]{"poll", "--collection", server.collectionUrl(), "--page-size", "40",
                "-o", out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("250 objects in 7 pages").doesNotContain("stopped early");
        List<String> polled = new ArrayList<>();
        for (JsonNode o : Stix.mapper().readTree(out.toFile()).path("objects")) {
            polled.add(o.path("id").asText());
        }
        assertThat(polled).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published());
    }
}

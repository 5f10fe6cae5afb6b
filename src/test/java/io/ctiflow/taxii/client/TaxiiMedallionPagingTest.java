package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowCli;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that, like the OASIS reference server medallion, hands out one {@code next} value for
 * every page of a query (legal: next is opaque): the consumer and {@code ctiflow poll} read the whole
 * collection, each object once, and do not stop after the second page.
 */
class TaxiiMedallionPagingTest {

    @TempDir
    Path dir;

    private List<StixObject> objects;
    private MedallionLikeServer server;

    @BeforeEach
    void start() throws Exception {
        objects = TestObjects.indicators("medallion", 250);
        server = new MedallionLikeServer(objects, 10); // 25 date_added values; pages of 40 cut through them
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> ids() {
        return objects.stream().map(StixObject::id).toList();
    }

    @Test
    void theConsumerFollowsOneNextValueThroughEveryPageAndGetsEachObjectOnce() throws Exception {
        try (TaxiiRoutes routes = new TaxiiRoutes(null, EmbeddedTaxii.uri("medallion", server.collectionUrl(),
                "checkpointDir=" + dir.resolve("state") + "&pageSize=40"))) {
            assertThat(routes.poll()).isEqualTo(250);
            assertThat(routes.received()).hasSize(7);
            assertThat(routes.receivedIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids());
            assertThat(server.nextValuesSent()).as("the server really repeated its next").hasSize(6)
                    .containsOnly(server.nextValuesSent().get(0));
            assertThat(routes.reported()).isEmpty();

            assertThat(routes.poll()).as("the next poll: nothing new, nothing twice").isZero();
            assertThat(routes.receivedIds()).doesNotHaveDuplicates();
        }
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
        assertThat(polled).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids());
    }
}

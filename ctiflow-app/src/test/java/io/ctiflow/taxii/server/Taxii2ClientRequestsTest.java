package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ctiflow.taxii.server.TaxiiTestServer.ALICE;
import static io.ctiflow.taxii.server.TaxiiTestServer.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests the OASIS Python library taxii2-client (taxii2client/v21, read in its source, not run
 * here) makes, replayed against the real server: its Accept and Content-Type, its paging
 * ({@code as_pages}: {@code limit}, then {@code limit} and {@code next} while {@code more}), and the
 * checks it applies to answers (Content-Type tokens, status counts matching the lists).
 */
class Taxii2ClientRequestsTest extends TaxiiServerTestBase {

    private static final String MEDIA_TYPE_TAXII_V21 = "application/taxii+json;version=2.1";

    /** taxii2client.common._HTTPConnection.valid_content_type for version 2.1. */
    private static void assertTaxii2ClientAcceptsContentType(TaxiiHttp.Answer a) {
        List<String> tokens = Arrays.asList(a.header("Content-Type").replace(" ", "").split(";"));
        assertThat(tokens.get(0)).isEqualTo("application/taxii+json");
        assertThat(tokens).containsAll(Arrays.asList(MEDIA_TYPE_TAXII_V21.split(";")));
    }

    /** taxii2client.v21.as_pages: the first request with limit, then limit and next while more. */
    private List<JsonNode> asPages(String url, int perRequest) {
        List<JsonNode> pages = new ArrayList<>();
        TaxiiHttp.Answer a = http().get(url + "?limit=" + perRequest, ALICE);
        while (true) {
            assertThat(a.status()).isEqualTo(200);
            assertTaxii2ClientAcceptsContentType(a);
            pages.add(a.json());
            if (!a.json().path("more").asBoolean(false)) {
                return pages;
            }
            a = http().get(url + "?limit=" + perRequest + "&next=" + a.json().path("next").asText(""), ALICE);
        }
    }

    @Test
    void postThenPageObjectsAndManifestAsTaxii2ClientDoes() {
        assertTaxii2ClientAcceptsContentType(http().get(taxii.server.discoveryUrl(), ALICE));
        TaxiiHttp.Answer posted = http().post(taxii.objects(taxii.secret), ALICE, StixFixtures.indicators(90_000, 25));
        assertThat(posted.status()).isEqualTo(202);
        assertTaxii2ClientAcceptsContentType(posted);
        // taxii2client.v21.Status._validate_status: a list that is there must match its count
        JsonNode status = posted.json();
        assertThat(status.path("successes").size()).isEqualTo(status.path("success_count").asInt()).isEqualTo(25);
        assertThat(status.path("failures").size()).isEqualTo(status.path("failure_count").asInt());
        assertThat(status.path("pendings").size()).isEqualTo(status.path("pending_count").asInt());

        List<JsonNode> objects = asPages(taxii.objects(taxii.secret), 10);
        List<JsonNode> manifest = asPages(taxii.server.collectionUrl(ROOT, taxii.secret) + "manifest/", 10);

        assertThat(objects).hasSize(3);
        assertThat(ids(objects)).hasSize(25).doesNotHaveDuplicates();
        assertThat(ids(manifest)).isEqualTo(ids(objects));
    }

    private static List<String> ids(List<JsonNode> pages) {
        List<String> ids = new ArrayList<>();
        pages.forEach(p -> p.path("objects").forEach(o -> ids.add(o.path("id").asText())));
        return ids;
    }
}

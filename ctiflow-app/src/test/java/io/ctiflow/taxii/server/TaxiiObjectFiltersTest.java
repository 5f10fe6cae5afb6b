package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.StixAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.ctiflow.taxii.server.StixFixtures.envelope;
import static io.ctiflow.taxii.server.StixFixtures.indicator;
import static io.ctiflow.taxii.server.TaxiiTestServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** Objects, object, versions and manifest with every filter, on objects of their own (fresh ids per test). */
class TaxiiObjectFiltersTest extends TaxiiServerTestBase {

    private static final String V1 = "2024-01-01T00:00:00.000Z";
    private static final String V2 = "2024-02-01T00:00:00.000Z";
    private static final String V3 = "2024-03-01T00:00:00.000Z";

    private String id;
    private String marker;
    private String objects;

    @BeforeEach
    void threeVersionsAndAMarking() {
        id = StixFixtures.newIndicatorId();
        marker = "marking-definition--" + UUID.randomUUID();
        objects = taxii.objects(taxii.shared);
        // versions arrive out of order: last/first go by version, not by arrival
        post(envelope(indicator(id, V2)));
        post(envelope(indicator(id, V3), indicator(id, V1), "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + marker
                + "\",\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"statement\",\"definition\":{\"statement\":\"test\"}}"));
    }

    @Test
    void matchIdGivesTheLastVersionByDefault() {
        assertThat(modifieds(get(objects + "?match[id]=" + id))).containsExactly(V3);
        assertThat(modifieds(get(objects + "?match[id]=" + id + "&match[version]=last"))).containsExactly(V3);
    }

    @Test
    void matchVersionFirstAllAndTimestamps() {
        assertThat(modifieds(get(objects + "?match[id]=" + id + "&match[version]=first"))).containsExactly(V1);
        assertThat(modifieds(get(objects + "?match[id]=" + id + "&match[version]=all"))).containsExactly(V2, V3, V1);
        assertThat(modifieds(get(objects + "?match[id]=" + id + "&match[version]=" + V2))).containsExactly(V2);
        assertThat(modifieds(get(objects + "?match[id]=" + id + "&match[version]=first," + V2))).containsExactly(V2, V1);
    }

    @Test
    void matchTypeAndSpecVersion() {
        JsonNode markings = get(objects + "?match[type]=marking-definition&match[id]=" + marker + "," + id);
        assertThat(markings.path("objects")).hasSize(1);
        assertThat(markings.path("objects").get(0).path("id").asText()).isEqualTo(marker);
        assertThat(get(objects + "?match[id]=" + id + "&match[spec_version]=2.1").path("objects")).hasSize(1);
        assertThat(get(objects + "?match[id]=" + id + "&match[spec_version]=2.0").has("objects")).isFalse();
    }

    @Test
    void addedAfterIsExclusiveAndHeadersGiveTheRange() {
        TaxiiHttp.Answer first = http().get(objects + "?match[id]=" + id + "&match[version]=" + V2, ALICE);
        String added = first.header("X-TAXII-Date-Added-First");
        assertThat(added).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z").isEqualTo(first.header("X-TAXII-Date-Added-Last"));
        TaxiiHttp.Answer later = http().get(objects + "?match[id]=" + id + "&match[version]=all&added_after=" + added, ALICE);
        assertThat(modifieds(later.json())).containsExactly(V3, V1);
        assertThat(later.header("X-TAXII-Date-Added-First")).isGreaterThan(added);
    }

    @Test
    void servedObjectsAreTheStoredStix() {
        JsonNode page = get(objects + "?match[id]=" + id + "&match[version]=all");
        StixAssertions.assertValidBundle(Stix2Bundle.of(page.path("objects")), "objects served by the TAXII server");
    }

    @Test
    void objectByIdVersionsAndManifest() {
        String url = objects + id + "/";
        assertThat(modifieds(get(url))).containsExactly(V3);
        assertThat(modifieds(get(url + "?match[version]=all"))).hasSize(3);
        JsonNode versions = get(url + "versions/");
        assertThat(versions.path("versions")).extracting(JsonNode::asText)
                .containsExactly("2024-02-01T00:00:00.000000Z", "2024-03-01T00:00:00.000000Z", "2024-01-01T00:00:00.000000Z");
        JsonNode manifest = get(taxii.server.collectionUrl(TaxiiTestServer.ROOT, taxii.shared) + "manifest/?match[id]=" + id + "," + marker);
        assertThat(manifest.path("objects")).hasSize(2);
        JsonNode entry = manifest.path("objects").get(0);
        assertThat(entry.path("id").asText()).isEqualTo(id);
        assertThat(entry.path("version").asText()).isEqualTo("2024-03-01T00:00:00.000000Z");
        assertThat(entry.path("media_type").asText()).isEqualTo("application/stix+json;version=2.1");
        assertThat(entry.path("date_added").asText()).endsWith("Z");
        assertThat(manifest.path("objects").get(1).path("version").asText()).isEqualTo("2017-01-20T00:00:00.000000Z");
    }

    @Test
    void deleteRemovesMatchingVersionsThenTheObjectIsGone() {
        String url = objects + id + "/";
        assertThat(http().delete(url + "?match[version]=first", ALICE).status()).isEqualTo(200);
        assertThat(get(url + "versions/").path("versions")).hasSize(2);
        assertThat(http().delete(url + "?match[version]=all", ALICE).status()).isEqualTo(200);
        TaxiiHttp.Answer gone = http().get(url, ALICE);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("http_status").asText()).isEqualTo("404");
        assertThat(http().delete(url, ALICE).status()).isEqualTo(404);
        assertThat(http().get(url + "versions/", ALICE).status()).isEqualTo(404);
        assertThat(http().delete(objects + marker + "/", TaxiiTestServer.BOB).status()).isEqualTo(403);
    }

    @Test
    void badParametersAre400NamingTheProblem() {
        for (String query : new String[] {"limit=0", "limit=ten", "added_after=yesterday", "next=bm9wZQ", "next=%25%25",
                "match[version]=newest", "match[colour]=red"}) {
            TaxiiHttp.Answer a = http().get(objects + "?" + query.replace("[", "%5B").replace("]", "%5D"), ALICE);
            assertThat(a.status()).as(query).isEqualTo(400);
            assertThat(a.json().path("title").asText()).isEqualTo("Bad request");
            assertThat(a.json().path("description").asText()).isNotBlank();
        }
        assertThat(http().get(objects + id + "/versions/?match%5Bversion%5D=all", ALICE).status()).isEqualTo(400);
    }

    private void post(String envelope) {
        TaxiiHttp.Answer a = http().post(objects, ALICE, envelope);
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.json().path("failure_count").asInt()).isZero();
    }

    private static JsonNode get(String url) {
        TaxiiHttp.Answer a = http().get(url.replace("[", "%5B").replace("]", "%5D"), ALICE);
        assertThat(a.status()).as(url).isEqualTo(200);
        return a.json();
    }

    private static List<String> modifieds(JsonNode envelope) {
        List<String> out = new ArrayList<>();
        envelope.path("objects").forEach(o -> out.add(o.path("modified").asText()));
        return out;
    }
}

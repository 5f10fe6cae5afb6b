package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.ctiflow.taxii.server.TaxiiTestServer.ALICE;
import static io.ctiflow.taxii.server.TaxiiTestServer.BOB;
import static io.ctiflow.taxii.server.TaxiiTestServer.FEEDER;
import static io.ctiflow.taxii.server.TaxiiTestServer.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/** Discovery, API root, collections and who sees what: 401 without or with wrong credentials, 403 and 404. */
class TaxiiDiscoveryAndAccessTest extends TaxiiServerTestBase {

    @Test
    void discoveryListsTheApiRootAtTheAddressTheClientUsed() {
        TaxiiHttp.Answer a = http().get(taxii.server.discoveryUrl(), ALICE);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
        assertThat(a.json().path("default").asText()).isEqualTo(taxii.server.apiRootUrl(ROOT));
        assertThat(a.json().path("api_roots").get(0).asText()).isEqualTo(taxii.server.apiRootUrl(ROOT));
        assertThat(taxii.server.baseUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void apiRootAdvertisesVersionAndMaxContentLength() {
        JsonNode root = http().get(taxii.server.apiRootUrl(ROOT), BOB).json();
        assertThat(root.path("title").asText()).isEqualTo("API root one");
        assertThat(root.path("versions").get(0).asText()).isEqualTo("application/taxii+json;version=2.1");
        assertThat(root.path("max_content_length").asLong()).isEqualTo(TaxiiServerConfig.DEFAULT_MAX_CONTENT_LENGTH);
    }

    @Test
    void collectionsListOnlyWhatTheCallerMaySee() {
        assertThat(titles(http().get(taxii.server.apiRootUrl(ROOT) + "collections/", ALICE).json()))
                .containsExactly("Shared indicators", "Secret", "Open");
        assertThat(titles(http().get(taxii.server.apiRootUrl(ROOT) + "collections/", BOB).json()))
                .containsExactly("Shared indicators", "Open");
        // write-only: not listed, but the publisher may address the collection by id
        assertThat(titles(http().get(taxii.server.apiRootUrl(ROOT) + "collections/", FEEDER).json())).containsExactly("Open");
        JsonNode shared = http().get(taxii.server.collectionUrl(ROOT, taxii.shared), FEEDER).json();
        assertThat(shared.path("id").asText()).isEqualTo(taxii.shared.toString());
        assertThat(shared.path("can_read").asBoolean()).isFalse();
        assertThat(shared.path("can_write").asBoolean()).isTrue();
        assertThat(shared.path("media_types").get(0).asText()).isEqualTo("application/stix+json;version=2.1");
    }

    @Test
    void aCollectionTheCallerMayNotSeeIsNotFound() {
        TaxiiHttp.Answer a = http().get(taxii.server.collectionUrl(ROOT, taxii.secret), BOB);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().path("http_status").asText()).isEqualTo("404");
        assertThat(http().get(taxii.objects(taxii.secret), BOB).status()).isEqualTo(404);
    }

    @Test
    void readingWhereTheCallerMayOnlyWriteIsForbidden() {
        TaxiiHttp.Answer a = http().get(taxii.objects(taxii.shared), FEEDER);
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.json().path("title").asText()).isEqualTo("Forbidden");
        assertThat(http().post(taxii.objects(taxii.shared), BOB, StixFixtures.indicators(0, 1)).status()).isEqualTo(403);
    }

    @Test
    void aStatusResourceIsVisibleOnlyToTheUserWhoPosted() {
        TaxiiHttp.Answer posted = http().post(taxii.objects(taxii.shared), ALICE, StixFixtures.indicators(60_000, 2));
        String status = taxii.server.apiRootUrl(ROOT) + "status/" + posted.json().path("id").asText() + "/";
        assertThat(http().get(status, ALICE).json()).isEqualTo(posted.json());
        TaxiiHttp.Answer unknown = http().get(taxii.server.apiRootUrl(ROOT) + "status/" + UUID.randomUUID() + "/", BOB);
        // bob reads the collection, feeder writes it: neither learns what alice posted, nor that the status exists
        for (String other : new String[] {BOB, FEEDER}) {
            TaxiiHttp.Answer a = http().get(status, other);
            assertThat(a.status()).as(other).isEqualTo(404);
            assertThat(new String(a.response().body())).doesNotContain("indicator--").isEqualTo(new String(unknown.response().body())
                    .replace(unknownId(unknown), posted.json().path("id").asText()));
        }
        assertThat(http().get(status, null).status()).isEqualTo(401);
    }

    private static String unknownId(TaxiiHttp.Answer notFound) {
        return notFound.response().uri().getPath().replaceAll(".*/status/([^/]+)/$", "$1");
    }

    @Test
    void noOrWrongCredentialsAre401WithAChallenge() {
        for (String auth : new String[] {null, TaxiiTestServer.basic("alice", "wrong"), TaxiiTestServer.basic("mallory", "x"),
                "Bearer not-a-token", "Digest abc"}) {
            TaxiiHttp.Answer a = http().get(taxii.objects(taxii.shared), auth);
            assertThat(a.status()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(a.header("WWW-Authenticate")).contains("Basic");
            assertThat(a.json().path("http_status").asText()).isEqualTo("401");
        }
    }

    @Test
    void anonymousCallersReadOnlyCollectionsThatAllowItAndNeverWrite() {
        assertThat(http().post(taxii.objects(taxii.open), ALICE, StixFixtures.indicators(500, 1)).status()).isEqualTo(202);
        TaxiiHttp.Answer read = http().get(taxii.objects(taxii.open), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("objects")).hasSize(1);
        assertThat(titles(http().get(taxii.server.apiRootUrl(ROOT) + "collections/", null).json())).containsExactly("Open");
        assertThat(http().post(taxii.objects(taxii.open), null, StixFixtures.indicators(501, 1)).status()).isEqualTo(401);
        assertThat(http().get(taxii.objects(taxii.secret), null).status()).isEqualTo(401);
    }

    @Test
    void bearerTokenWritesWhereItsUserMay() {
        TaxiiHttp.Answer a = http().post(taxii.objects(taxii.shared), FEEDER, StixFixtures.envelope(
                StixFixtures.indicator(StixFixtures.newIndicatorId(), "2024-02-02T00:00:00.000Z")));
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.json().path("success_count").asInt()).isEqualTo(1);
    }

    @Test
    void unacceptableAcceptIs406() {
        for (String accept : new String[] {"application/json", "text/html", "application/taxii+json;version=2.0"}) {
            TaxiiHttp.Answer a = http().send(TaxiiHttp.request(taxii.server.discoveryUrl(), ALICE).header("Accept", accept).GET());
            assertThat(a.status()).as(accept).isEqualTo(406);
            assertThat(a.json().path("title").asText()).isEqualTo("Not acceptable");
        }
        for (String accept : new String[] {"application/taxii+json", "*/*", "application/taxii+json;version=2.1, text/html;q=0.5"}) {
            assertThat(http().send(TaxiiHttp.request(taxii.server.discoveryUrl(), ALICE).header("Accept", accept).GET()).status())
                    .as(accept).isEqualTo(200);
        }
    }

    @Test
    void unknownApiRootCollectionAndPathsAre404InTheErrorFormat() {
        assertThat(http().get(taxii.server.baseUrl() + "nope/", ALICE).json().path("http_status").asText()).isEqualTo("404");
        assertThat(http().get(taxii.server.collectionUrl(ROOT, UUID.randomUUID()), ALICE).status()).isEqualTo(404);
        TaxiiHttp.Answer a = http().get(taxii.server.collectionUrl(ROOT, taxii.shared) + "nothing/here/", ALICE);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().path("title").asText()).isEqualTo("Not found");
        TaxiiHttp.Answer put = http().send(TaxiiHttp.request(taxii.objects(taxii.shared), ALICE).header("Accept", TaxiiHttp.TAXII)
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(put.status()).isEqualTo(405);
    }

    private static List<String> titles(JsonNode collections) {
        List<String> titles = new ArrayList<>();
        collections.path("collections").forEach(c -> titles.add(c.path("title").asText()));
        return titles;
    }
}

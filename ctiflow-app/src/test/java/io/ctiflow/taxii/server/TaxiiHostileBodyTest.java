package io.ctiflow.taxii.server;

import org.junit.jupiter.api.Test;

import static io.ctiflow.taxii.server.StixFixtures.envelope;
import static io.ctiflow.taxii.server.StixFixtures.indicator;
import static io.ctiflow.taxii.server.StixFixtures.newIndicatorId;
import static io.ctiflow.taxii.server.TaxiiTestServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST bodies built to confuse the parser: nesting far past Jackson's depth limit, and objects that
 * name a property twice (which value counts is up to each reader, so the server refuses to guess).
 * Each is a 400 with the TAXII error JSON, and nothing of the envelope is stored.
 */
class TaxiiHostileBodyTest extends TaxiiServerTestBase {

    private static final int DEPTH = 100_000;

    @Test
    void aBodyNestedTooDeepIs400SayingWhy() {
        String arrays = "{\"objects\":[" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "]}";
        String inObject = envelope("{\"type\":\"indicator\",\"id\":\"" + newIndicatorId() + "\",\"x_deep\":"
                + "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH) + "}");
        for (String body : new String[] {arrays, inObject}) {
            TaxiiHttp.Answer a = http().post(taxii.objects(taxii.shared), ALICE, body);
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.header("Content-Type")).isEqualTo(TaxiiHttp.TAXII);
            assertThat(a.json().path("http_status").asText()).isEqualTo("400");
            assertThat(a.json().path("description").asText()).containsIgnoringCase("nesting");
        }
    }

    @Test
    void anObjectWithTwoIdsIsRejectedAndNeitherIdIsStored() {
        String first = newIndicatorId();
        String second = newIndicatorId();
        String good = newIndicatorId();
        String twoIds = indicator(first, "2024-03-03T00:00:00.000Z").replace("\"id\":\"" + first + "\"",
                "\"id\":\"" + first + "\",\"id\":\"" + second + "\"");
        TaxiiHttp.Answer a = http().post(taxii.objects(taxii.shared), ALICE, envelope(indicator(good, "2024-03-03T00:00:00.000Z"), twoIds));
        assertRejectedForDuplicate(a, "id");
        for (String id : new String[] {first, second, good}) {
            assertThat(http().get(taxii.objects(taxii.shared) + id + "/", ALICE).status()).as(id).isEqualTo(404);
        }
        assertThat(http().get(taxii.objects(taxii.shared) + "?match[id]=" + first + "," + second, ALICE).json().has("objects")).isFalse();
    }

    @Test
    void anObjectWithTwoMarkingListsIsRejected() {
        String id = newIndicatorId();
        String red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
        String clear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
        String twoMarkings = indicator(id, "2024-03-03T00:00:00.000Z").replace("\"pattern\":",
                "\"object_marking_refs\":[\"" + red + "\"],\"object_marking_refs\":[\"" + clear + "\"],\"pattern\":");
        assertRejectedForDuplicate(http().post(taxii.objects(taxii.shared), ALICE, envelope(twoMarkings)), "object_marking_refs");
        assertThat(http().get(taxii.objects(taxii.shared) + id + "/", ALICE).status()).isEqualTo(404);
    }

    private static void assertRejectedForDuplicate(TaxiiHttp.Answer a, String property) {
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.header("Content-Type")).isEqualTo(TaxiiHttp.TAXII);
        assertThat(a.json().path("http_status").asText()).isEqualTo("400");
        assertThat(a.json().path("description").asText()).contains("'" + property + "'");
    }
}

package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.ctiflow.taxii.server.StixFixtures.envelope;
import static io.ctiflow.taxii.server.StixFixtures.indicator;
import static io.ctiflow.taxii.server.TaxiiTestServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** POST: 202 with a persisted status, idempotent repeats, per-object failures, and 400/413/415 for bad requests. */
class TaxiiPostTest extends TaxiiServerTestBase {

    @Test
    void postingTheSameVersionTwiceStoresItOnceAndCountsBothAsSuccess() {
        String id = StixFixtures.newIndicatorId();
        String body = envelope(indicator(id, "2024-05-05T05:05:05.555Z"), indicator(id, "2024-05-05T05:05:05.555Z"));
        for (int i = 0; i < 2; i++) {
            TaxiiHttp.Answer a = http().post(taxii.objects(taxii.shared), ALICE, body);
            assertThat(a.status()).isEqualTo(202);
            assertThat(a.json().path("status").asText()).isEqualTo("complete");
            assertThat(a.json().path("success_count").asInt()).isEqualTo(2);
            assertThat(a.json().path("failure_count").asInt()).isZero();
        }
        JsonNode versions = http().get(taxii.objects(taxii.shared) + id + "/versions/", ALICE).json();
        assertThat(versions.path("versions")).hasSize(1);
        assertThat(versions.path("versions").get(0).asText()).isEqualTo("2024-05-05T05:05:05.555000Z");
    }

    @Test
    void statusResourceIsServedUnderTheApiRoot() {
        TaxiiHttp.Answer posted = http().post(taxii.objects(taxii.shared), ALICE, StixFixtures.indicators(40_000, 3));
        String statusId = posted.json().path("id").asText();
        TaxiiHttp.Answer status = http().get(taxii.server.apiRootUrl(TaxiiTestServer.ROOT) + "status/" + statusId + "/", ALICE);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json()).isEqualTo(posted.json());
        assertThat(status.json().path("total_count").asInt()).isEqualTo(3);
        assertThat(http().get(taxii.server.apiRootUrl(TaxiiTestServer.ROOT) + "status/" + UUID.randomUUID() + "/", ALICE).status()).isEqualTo(404);
    }

    @Test
    void invalidObjectsFailAloneInTheStatus() {
        String good = StixFixtures.newIndicatorId();
        TaxiiHttp.Answer a = http().post(taxii.objects(taxii.shared), ALICE, envelope(indicator(good, "2024-01-01T00:00:00Z"),
                "{\"type\":\"indicator\",\"id\":\"malware--" + UUID.randomUUID() + "\"}",
                "{\"type\":\"indicator\",\"spec_version\":\"2.0\",\"id\":\"" + StixFixtures.newIndicatorId() + "\"}",
                indicator(StixFixtures.newIndicatorId(), "last tuesday"), "42"));
        assertThat(a.status()).isEqualTo(202);
        JsonNode status = a.json();
        assertThat(status.path("total_count").asInt()).isEqualTo(5);
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("failure_count").asInt()).isEqualTo(4);
        assertThat(status.path("failures").get(0).path("message").asText()).contains("id must be");
        assertThat(http().get(taxii.objects(taxii.shared) + good + "/", ALICE).status()).isEqualTo(200);
    }

    @Test
    void aTwoMegabyteObjectIsStoredAndServedByteForByte() {
        String id = "note--" + UUID.randomUUID();
        String note = "{\"type\":\"note\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"content\":\"" + "x".repeat(2_000_000) + "\",\"object_refs\":[\"" + id + "\"]}";
        assertThat(http().post(taxii.objects(taxii.shared), ALICE, envelope(note)).json().path("success_count").asInt()).isEqualTo(1);
        TaxiiHttp.Answer read = http().get(taxii.objects(taxii.shared) + id + "/", ALICE);
        assertThat(new String(read.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"more\":false,\"objects\":[" + note + "]}");
    }

    @Test
    void aBodyThatIsNotAnEnvelopeIs400() {
        for (String body : new String[] {"not json", "[1,2]", "{\"objects\":{}}", "{\"objects\":[{\"type\":"}) {
            TaxiiHttp.Answer a = http().post(taxii.objects(taxii.shared), ALICE, body);
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.json().path("http_status").asText()).isEqualTo("400");
        }
    }

    @Test
    void wrongContentTypeIs415() {
        for (String type : new String[] {"application/json", "application/stix+json;version=2.1", "application/taxii+json;version=2.0"}) {
            TaxiiHttp.Answer a = http().send(TaxiiHttp.request(taxii.objects(taxii.shared), ALICE).header("Content-Type", type)
                    .header("Accept", TaxiiHttp.TAXII).POST(HttpRequest.BodyPublishers.ofString(StixFixtures.indicators(0, 1))));
            assertThat(a.status()).as(type).isEqualTo(415);
            assertThat(a.json().path("title").asText()).isEqualTo("Unsupported media type");
        }
    }

    @Test
    void bodiesOverMaxContentLengthAre413WithOrWithoutContentLength() throws Exception {
        try (TaxiiTestServer small = TaxiiTestServer.start(taxii.store, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 2000)) {
            assertThat(small.http.get(small.server.apiRootUrl(TaxiiTestServer.ROOT), ALICE).json().path("max_content_length").asInt()).isEqualTo(2000);
            String body = StixFixtures.indicators(0, 10);
            TaxiiHttp.Answer sized = small.http.post(small.objects(small.shared), ALICE, body);
            assertThat(sized.status()).isEqualTo(413);
            assertThat(sized.json().path("http_status").asText()).isEqualTo("413");
            byte[] bytes = body.getBytes();
            TaxiiHttp.Answer chunked = small.http.send(TaxiiHttp.request(small.objects(small.shared), ALICE)
                    .header("Content-Type", TaxiiHttp.TAXII).header("Accept", TaxiiHttp.TAXII)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(small.http.get(small.objects(small.shared), ALICE).json().has("objects")).isFalse();
            assertThat(small.http.post(small.objects(small.shared), ALICE, StixFixtures.indicators(0, 1)).status()).isEqualTo(202);
        }
    }
}

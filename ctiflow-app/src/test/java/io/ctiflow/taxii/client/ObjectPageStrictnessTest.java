package io.ctiflow.taxii.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the {@code taxii:} consumer and {@code ctiflow poll} make of a page from a server: an object naming a property
 * twice is not read last-wins (RED, then CLEAR would be CLEAR); the page is an error naming the server, and the
 * poll stops there to be retried, its checkpoint not advanced past the page.
 */
class ObjectPageStrictnessTest {

    private static TaxiiResponse page(String body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("X-TAXII-Date-Added-Last", List.of("2026-11-23T12:00:00.000Z")), (k, v) -> true);
        return new TaxiiResponse(URI.create("https://taxii.partner.example/api/collections/x/objects/"), 200, headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anObjectWithItsMarkingsNamedTwiceIsAnError() {
        String twice = """
                {"more": false, "objects": [{"type": "indicator", "spec_version": "2.1", "id": "indicator--f9ca3f85-6c85-5275-abc9-d1466abdaf62",
                 "object_marking_refs": ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"],
                 "object_marking_refs": ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]}]}""";
        assertThatThrownBy(() -> ObjectPage.parse(page(twice))).isInstanceOf(TaxiiException.class)
                .hasMessageContaining("taxii.partner.example").hasMessageContaining("Duplicate field 'object_marking_refs'");
    }

    @Test
    void anEnvelopeNamingMoreTwiceIsAnError() {
        assertThatThrownBy(() -> ObjectPage.parse(page("{\"more\": true, \"objects\": [], \"more\": false}")))
                .isInstanceOf(TaxiiException.class).hasMessageContaining("Duplicate field 'more'");
    }
}

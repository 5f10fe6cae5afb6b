package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctiflow.misp.MispTestSupport.byId;
import static io.ctiflow.misp.MispTestSupport.convert;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** MISP sightings become sighting SROs of the indicator, one per sighting organisation with count and first/last seen. */
class MispSightingsToSroTest {

    @Test
    void ursnifSightingsAreCountedPerOrganisationAndFalsePositivesAreNotSightings() {
        MispConversion c = convert("events/ursnif-with-sightings.json");
        List<ObjectNode> sightings = ofType(c, "sighting");
        assertThat(sightings).isNotEmpty();
        // 6 MISP sightings: 2 of type 0 (seen), 3 false positives (type 1) and 1 expiration (type 2)
        assertThat(sightings).hasSize(2);
        assertThat(sightings.stream().mapToInt(s -> s.path("count").asInt()).sum()).isEqualTo(2);
        for (ObjectNode s : sightings) {
            assertThat(s.path("sighting_of_ref").asText()).startsWith("indicator--");
            byId(c, s.path("sighting_of_ref").asText());
            ObjectNode org = byId(c, s.path("where_sighted_refs").get(0).asText());
            assertThat(org.path("name").asText()).isEqualTo("ORGNAME");
            assertThat(s.path("first_seen").asText()).isLessThanOrEqualTo(s.path("last_seen").asText());
        }
        assertThat(sightings).anyMatch(s -> s.path("first_seen").asText().equals("2019-02-27T07:52:23.000Z"));
        validBundle("Ursnif sightings", c);
    }
}

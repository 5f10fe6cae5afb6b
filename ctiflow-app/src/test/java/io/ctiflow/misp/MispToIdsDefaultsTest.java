package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** Attributes without to_ids take MISP's per-type default (mappings/misp/to-ids-defaults.yaml); a to_ids that is no flag is rejected. */
class MispToIdsDefaultsTest {

    @Test
    void misspStixTestAttributesWithoutToIdsTakeMispsDefaults() {
        // misp-stix's test attributes carry no to_ids, as many exports and hand-written events do
        for (String type : new String[] {"url", "ip-dst", "md5", "filename_md5", "domain"}) {
            JsonNode attribute = MispStixReference.fixture("attributes/" + type + ".json").get("MISP");
            assertThat(attribute.has("to_ids")).isFalse();
            MispConversion c = CONVERTER.convert(MispStixReference.event(type, attribute, null));
            validBundle("to_ids default " + type, c);
            assertThat(ofType(c, "indicator")).as(type + " is an indicator by MISP's default").hasSize(1);
            assertThat(ofType(c, "observed-data")).isEmpty();
        }
        JsonNode as = MispStixReference.fixture("attributes/as.json").get("MISP");
        MispConversion c = CONVERTER.convert(MispStixReference.event("AS", as, null));
        assertThat(ofType(c, "indicator")).as("AS is no indicator by MISP's default").isEmpty();
        assertThat(ofType(c, "autonomous-system")).extracting(n -> n.get("number").asLong()).containsExactly(174L);
    }

    @Test
    void aToIdsThatIsNoFlagIsRejectedNotReadAsFalse() {
        ObjectNode attribute = MispStixReference.fixture("attributes/url.json").get("MISP").deepCopy();
        attribute.put("to_ids", "maybe");
        MispConversion c = CONVERTER.convert(MispStixReference.event("url", attribute, null));
        assertThat(ofType(c, "indicator")).isEmpty();
        assertThat(ofType(c, "observed-data")).isEmpty();
        assertThat(c.rejects()).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("attribute " + attribute.get("uuid").asText()).contains("to_ids is neither true nor false: '\"maybe\"'"));
    }
}

package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.convert;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.provenance;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** tlp:* tags become TLP 2.0 markings, PAP:* the provenance's pap, other tags labels; attribute tags override the event's. */
class MispTagsToMarkingsTest {

    @Test
    void tlpWhiteOfARealEventIsTlpClearOnEveryObjectAndOtherTagsAreLabels() {
        MispConversion c = convert("circl-osint-sednit-2017-objects-galaxies.json");
        assertThat(c.objects()).anyMatch(o -> o.id().equals(Tlp.CLEAR.markingId()));
        for (String type : new String[] {"indicator", "grouping", "relationship"}) {
            assertThat(ofType(c, type)).allSatisfy(o ->
                    assertThat(o.path("object_marking_refs").toString()).isEqualTo("[\"" + Tlp.CLEAR.markingId() + "\"]"));
        }
        JsonNode labels = ofType(c, "grouping").get(0).path("labels");
        assertThat(labels.toString()).contains("workflow:state=\\\"incomplete\\\"").doesNotContain("tlp:").doesNotContain("misp-galaxy:");
    }

    @Test
    void attributeTagsOverrideTheEventAndTlp2AndPapAreRead() throws Exception {
        ObjectNode event = (ObjectNode) Stix.mapper().readTree("""
                {"Event": {"uuid": "0d5e1a9c-6f7b-4c55-9f6e-2b1f7a0c0001", "info": "tags", "date": "2024-03-01", "timestamp": "1709290000",
                 "published": true, "distribution": "1", "Orgc": {"name": "CERT-X", "uuid": "11111111-2222-4333-8444-555555555555"},
                 "Tag": [{"name": "tlp:green"}, {"name": "PAP:GREEN"}, {"name": "rsit:malicious-code=\\"c2-server\\""}],
                 "Attribute": [
                   {"uuid": "a0000000-0000-4000-8000-000000000001", "type": "ip-dst", "value": "198.51.100.7", "to_ids": true, "timestamp": "1709290000"},
                   {"uuid": "a0000000-0000-4000-8000-000000000002", "type": "domain", "value": "c2.example.net", "to_ids": true, "timestamp": "1709290000",
                    "Tag": [{"name": "tlp:amber+strict"}, {"name": "PAP:RED"}, {"name": "kill-chain:Command and Control"}]},
                   {"uuid": "a0000000-0000-4000-8000-000000000003", "type": "url", "value": "http://c2.example.net/gate.php", "to_ids": true,
                    "timestamp": "1709290000", "Tag": [{"name": "tlp:red"}]}]}}
                """);
        MispConversion c = CONVERTER.convert(event);
        ObjectNode ip = indicator(c, "[ipv4-addr:value = '198.51.100.7']");
        ObjectNode domain = indicator(c, "[domain-name:value = 'c2.example.net']");
        ObjectNode url = indicator(c, "[url:value = 'http://c2.example.net/gate.php']");
        assertThat(ip.path("object_marking_refs").get(0).asText()).isEqualTo(Tlp.GREEN.markingId());
        assertThat(provenance(ip).path("pap").asText()).isEqualTo("green");
        assertThat(domain.path("object_marking_refs").get(0).asText()).isEqualTo(Tlp.AMBER_STRICT.markingId());
        assertThat(provenance(domain).path("pap").asText()).isEqualTo("red");
        assertThat(domain.path("labels").toString()).contains("kill-chain:Command and Control");
        assertThat(url.path("object_marking_refs").get(0).asText()).isEqualTo(Tlp.RED.markingId());
        ObjectNode report = ofType(c, "report").get(0);
        assertThat(report.path("labels").toString()).contains("rsit:malicious-code=\\\"c2-server\\\"");
        // each marking used is in the output, once
        assertThat(c.objects()).filteredOn(o -> o.type().equals("marking-definition")).hasSize(3);
        validBundle("tags and markings", c);
    }

    private static ObjectNode indicator(MispConversion c, String pattern) {
        return ofType(c, "indicator").stream().filter(i -> i.path("pattern").asText().equals(pattern)).findFirst().orElseThrow();
    }
}

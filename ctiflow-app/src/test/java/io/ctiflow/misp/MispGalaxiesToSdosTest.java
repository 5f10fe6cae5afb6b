package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixIds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctiflow.misp.MispTestSupport.convert;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** Galaxy clusters become SDOs with deterministic ids and the relationships misp-stix draws. */
class MispGalaxiesToSdosTest {

    @Test
    void sednitThreatActorUsesItsToolsAndIndicatorsIndicateThem() {
        MispConversion c = convert("circl-osint-sednit-2017-objects-galaxies.json");
        ObjectNode sofacy = ofType(c, "threat-actor").get(0);
        assertThat(sofacy.path("name").asText()).isEqualTo("Sofacy");
        assertThat(sofacy.path("aliases").toString()).contains("APT28");
        assertThat(ofType(c, "tool")).extracting(t -> t.path("name").asText()).contains("Sednit EK");
        assertThat(ofType(c, "malware")).allSatisfy(m -> assertThat(m.path("is_family").asBoolean()).isTrue());
        List<ObjectNode> relationships = ofType(c, "relationship");
        assertThat(relationships).anyMatch(r -> r.path("source_ref").asText().equals(sofacy.path("id").asText())
                && r.path("relationship_type").asText().equals("uses") && r.path("target_ref").asText().startsWith("tool--"));
        assertThat(relationships).anyMatch(r -> r.path("source_ref").asText().startsWith("indicator--")
                && r.path("relationship_type").asText().equals("indicates") && r.path("target_ref").asText().equals(sofacy.path("id").asText()));
        // an unpublished event is a grouping
        assertThat(ofType(c, "grouping").get(0).path("context").asText()).isEqualTo("suspicious-activity");
        validBundle("Sednit", c);
    }

    @Test
    void pubgMitreClustersCarryAttackIdsAndGuidelinesAreSkipped() {
        MispConversion c = convert("events/circl-osint-pubg-ransomware-galaxies.json");
        ObjectNode apt1 = ofType(c, "intrusion-set").stream().filter(i -> i.path("name").asText().startsWith("APT1")).findFirst().orElseThrow();
        assertThat(apt1.path("external_references").findValuesAsText("external_id")).contains("G0006");
        assertThat(apt1.path("external_references").get(0).path("source_name").asText()).isEqualTo("mitre-attack");
        ObjectNode backspace = ofType(c, "malware").stream().filter(m -> m.path("name").asText().startsWith("BACKSPACE")).findFirst().orElseThrow();
        assertThat(backspace.path("external_references").findValuesAsText("external_id")).contains("S0031");
        assertThat(c.rejects()).isEmpty();
        assertThat(c.unknownTypes()).isZero();
        validBundle("PUBG", c);
    }

    @Test
    void clusterIdsAreDeterministicAndIndependentOfTheEvent() {
        MispConversion ursnif = convert("events/ursnif-with-sightings.json");
        ObjectNode gozi = ofType(ursnif, "malware").get(0);
        // the Gozi cluster has an empty uuid: its id falls back to galaxy type and value
        assertThat(gozi.path("id").asText()).isEqualTo(StixIds.namedObjectId("malware", "banker:Gozi"));
        assertThat(gozi.path("aliases").toString()).contains("Ursnif");
        assertThat(ofType(ursnif, "relationship")).hasSize(5)
                .allSatisfy(r -> assertThat(r.path("target_ref").asText()).isEqualTo(gozi.path("id").asText()));
        assertThat(ofType(convert("circl-osint-sednit-2017-objects-galaxies.json"), "threat-actor").get(0).path("id").asText())
                .isEqualTo(ofType(convert("circl-osint-sednit-2017-objects-galaxies.json"), "threat-actor").get(0).path("id").asText());
    }
}

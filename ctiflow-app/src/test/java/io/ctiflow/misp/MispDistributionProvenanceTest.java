package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.convert;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.provenance;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** MISP distribution and sharing groups are recorded faithfully in the provenance, so the jurisdiction filter can enforce them. */
class MispDistributionProvenanceTest {

    private static final Set<String> SHARED_BY_ID = Set.of("identity", "extension-definition", "marking-definition", "malware", "tool",
            "threat-actor", "intrusion-set", "attack-pattern", "course-of-action", "location");

    @Test
    void organisationOnlyEventStaysOrganisationOnlyWhateverItsAttributesSay() throws Exception {
        ObjectNode event = (ObjectNode) Stix.mapper().readTree("""
                {"Event": {"uuid": "0d5e1a9c-6f7b-4c55-9f6e-2b1f7a0c0003", "info": "internal", "date": "2024-03-03", "timestamp": "1709460000",
                 "published": false, "distribution": "0", "Orgc": {"name": "CERT-X", "uuid": "11111111-2222-4333-8444-555555555555"},
                 "Attribute": [
                   {"uuid": "d0000000-0000-4000-8000-000000000001", "type": "ip-src", "value": "203.0.113.9", "to_ids": true, "distribution": "3", "timestamp": "1709460000",
                    "Sighting": [{"type": "0", "date_sighting": "1709460100", "Organisation": {"name": "CERT-X", "uuid": "11111111-2222-4333-8444-555555555555"}}]},
                   {"uuid": "d0000000-0000-4000-8000-000000000002", "type": "sha256", "value": "%s", "to_ids": false, "distribution": "5", "timestamp": "1709460000"}],
                 "Galaxy": [{"type": "ransomware", "GalaxyCluster": [{"uuid": "e0000000-0000-4000-8000-000000000001", "value": "LockBit"}]}]}}
                """.formatted("a".repeat(64)));
        MispConversion c = CONVERTER.convert(event);
        assertThat(c.rejects()).isEmpty();
        for (StixObject o : c.objects()) {
            JsonNode tree = o.tree();
            if (SHARED_BY_ID.contains(o.type()) || !tree.has("created")) {
                continue; // context objects independent of the event (and SCOs, which observed-data carry)
            }
            assertThat(provenance(tree).path("misp_distribution").asInt(-1)).as(o.id()).isZero();
            assertThat(provenance(tree).path("misp_event").asText()).isEqualTo("0d5e1a9c-6f7b-4c55-9f6e-2b1f7a0c0003");
        }
        assertThat(ofType(c, "sighting")).hasSize(1);
        assertThat(ofType(c, "malware").get(0).path("malware_types").toString()).contains("ransomware");
        validBundle("distribution 0", c);
    }

    @Test
    void sharingGroupAndInheritanceAreResolvedPerAttribute() throws Exception {
        ObjectNode event = (ObjectNode) Stix.mapper().readTree("""
                {"uuid": "0d5e1a9c-6f7b-4c55-9f6e-2b1f7a0c0004", "info": "mixed", "date": "2024-03-04", "timestamp": "1709550000",
                 "published": true, "distribution": "3", "Orgc": {"name": "CERT-X", "uuid": "11111111-2222-4333-8444-555555555555"},
                 "Attribute": [
                   {"uuid": "f0000000-0000-4000-8000-000000000001", "type": "domain", "value": "a.example.com", "to_ids": true, "distribution": "4",
                    "sharing_group_id": "7", "SharingGroup": {"uuid": "5f0a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "name": "FIRST CTI SIG"}, "timestamp": "1709550000"},
                   {"uuid": "f0000000-0000-4000-8000-000000000002", "type": "domain", "value": "b.example.com", "to_ids": true, "distribution": "5", "timestamp": "1709550000"},
                   {"uuid": "f0000000-0000-4000-8000-000000000003", "type": "domain", "value": "c.example.com", "to_ids": true, "distribution": "1", "timestamp": "1709550000"}]}
                """);
        MispConversion c = CONVERTER.convert(event);
        assertThat(provenance(indicator(c, "a.example.com")).path("misp_distribution").asInt()).isEqualTo(4);
        assertThat(provenance(indicator(c, "a.example.com")).path("misp_sharing_group").asText()).isEqualTo("5f0a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b");
        assertThat(provenance(indicator(c, "b.example.com")).path("misp_distribution").asInt()).isEqualTo(3);
        assertThat(provenance(indicator(c, "c.example.com")).path("misp_distribution").asInt()).isEqualTo(1);
        assertThat(provenance(ofType(c, "report").get(0)).path("misp_distribution").asInt()).isEqualTo(3);
        validBundle("sharing group", c);
    }

    @Test
    void relationshipsToEventGalaxiesAreSharedLikeTheirIndicator() throws Exception {
        ObjectNode event = (ObjectNode) Stix.mapper().readTree("""
                {"uuid": "0d5e1a9c-6f7b-4c55-9f6e-2b1f7a0c0006", "info": "galaxy", "date": "2024-03-06", "timestamp": "1709700000",
                 "published": true, "distribution": "3", "Orgc": {"name": "CERT-X", "uuid": "11111111-2222-4333-8444-555555555555"},
                 "Tag": [{"name": "tlp:green"}],
                 "Attribute": [{"uuid": "f1000000-0000-4000-8000-000000000001", "type": "domain", "value": "x.example.com", "to_ids": true,
                    "distribution": "0", "timestamp": "1709700000", "Tag": [{"name": "tlp:red"}]}],
                 "Galaxy": [{"type": "threat-actor", "GalaxyCluster": [{"uuid": "e1000000-0000-4000-8000-000000000001", "value": "Some Actor"}]}]}
                """);
        MispConversion c = CONVERTER.convert(event);
        ObjectNode relationship = ofType(c, "relationship").get(0);
        assertThat(relationship.path("relationship_type").asText()).isEqualTo("indicates");
        assertThat(provenance(relationship).path("misp_distribution").asInt()).isZero();
        assertThat(relationship.path("object_marking_refs").get(0).asText()).isEqualTo(Tlp.RED.markingId());
        validBundle("restricted relationship", c);
    }

    @Test
    void anExportWithoutDistributionRecordsNone() {
        // CIRCL OSINT exports carry no distribution: the provenance says nothing rather than guessing
        MispConversion c = convert("events/circl-ransomware-xorist-small.json");
        assertThat(ofType(c, "indicator")).allSatisfy(i -> assertThat(provenance(i).has("misp_distribution")).isFalse());
    }

    private static ObjectNode indicator(MispConversion c, String domain) {
        return ofType(c, "indicator").stream().filter(i -> i.path("pattern").asText().contains("'" + domain + "'")).findFirst().orElseThrow();
    }
}

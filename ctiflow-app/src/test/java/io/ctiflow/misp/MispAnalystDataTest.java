package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.provenance;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MISP 2.5 analyst data and event reports, as misp-stix writes them: notes -> note, opinions -> opinion (0-100 in
 * five steps), relationships -> relationship between the converted elements, event reports -> note with the
 * report's markdown referring to the attributes it mentions. Bad ones are rejected alone, with their reason.
 */
class MispAnalystDataTest {

    private static final String IP = "91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f";
    private static final String DOMAIN_OBJECT = "5ac337df-e078-4e99-8b17-02550a00020f";

    private static JsonNode event() throws Exception {
        return Stix.mapper().readTree("""
                {"uuid": "0d3b6bd4-7f3e-4a3a-9b1c-1f2e3d4c5b6a", "info": "analyst data", "date": "2024-04-10", "timestamp": "1712743200",
                 "published": true, "distribution": "1", "Orgc": {"name": "CIRCL", "uuid": "55f6ea5e-2c60-40e5-964f-47a8950d210f"},
                 "Note": [{"uuid": "a1b2c3d4-0000-4000-8000-000000000001", "note": "Campaign seen in three sectors", "language": "en",
                           "authors": "analyst@circl.lu", "created": "2024-04-10 10:00:00", "modified": "2024-04-10 11:00:00"}],
                 "Attribute": [{"uuid": "%s", "type": "ip-dst", "value": "1.2.3.4", "to_ids": true, "timestamp": "1712743200",
                   "Note": [{"uuid": "a1b2c3d4-0000-4000-8000-000000000002", "note": "C2 of the loader", "language": "ENG"}],
                   "Opinion": [{"uuid": "a1b2c3d4-0000-4000-8000-000000000003", "opinion": "75", "comment": "confirmed by our sensors"},
                               {"uuid": "a1b2c3d4-0000-4000-8000-000000000004", "opinion": "high"}],
                   "Relationship": [{"uuid": "a1b2c3d4-0000-4000-8000-000000000005", "relationship_type": "related-to",
                                     "related_object_uuid": "%s", "related_object_type": "Object"},
                                    {"uuid": "a1b2c3d4-0000-4000-8000-000000000006", "relationship_type": "related-to",
                                     "related_object_uuid": "ffffffff-0000-4000-8000-000000000000", "related_object_type": "Attribute"}]}],
                 "Object": [{"uuid": "%s", "name": "domain-ip", "timestamp": "1712743200",
                   "Attribute": [{"uuid": "b1b2c3d4-0000-4000-8000-000000000001", "type": "domain", "object_relation": "domain",
                                  "value": "circl.lu", "to_ids": false}]}],
                 "EventReport": [{"uuid": "c1b2c3d4-0000-4000-8000-000000000001", "name": "Loader analysis", "timestamp": "1712743200",
                                  "distribution": "5", "content": "The loader calls @[attribute](%s) every hour."},
                                 {"uuid": "c1b2c3d4-0000-4000-8000-000000000002", "name": "draft", "content": "old", "deleted": true}]}
                """.formatted(IP, DOMAIN_OBJECT, DOMAIN_OBJECT, IP));
    }

    @Test
    void notesOpinionsRelationshipsAndReportsAreKeptAndValid() throws Exception {
        MispConversion c = CONVERTER.convert(event());
        validBundle("analyst data", c);
        String indicator = ofType(c, "indicator").get(0).path("id").asText();
        String observed = ofType(c, "observed-data").get(0).path("id").asText();
        String report = ofType(c, "report").get(0).path("id").asText();

        List<ObjectNode> notes = ofType(c, "note");
        assertThat(notes).hasSize(3);
        ObjectNode eventNote = notes.stream().filter(n -> n.path("content").asText().startsWith("Campaign")).findFirst().orElseThrow();
        assertThat(eventNote.path("object_refs").get(0).asText()).isEqualTo(report);
        assertThat(eventNote.path("authors").get(0).asText()).isEqualTo("analyst@circl.lu");
        assertThat(eventNote.path("lang").asText()).isEqualTo("en");
        assertThat(eventNote.path("created").asText()).isEqualTo("2024-04-10T10:00:00.000Z");
        assertThat(eventNote.path("modified").asText()).isEqualTo("2024-04-10T11:00:00.000Z");
        ObjectNode attributeNote = notes.stream().filter(n -> n.path("content").asText().startsWith("C2")).findFirst().orElseThrow();
        assertThat(attributeNote.path("object_refs").get(0).asText()).isEqualTo(indicator);
        assertThat(attributeNote.has("lang")).as("ENG is no RFC 5646 tag").isFalse();
        assertThat(provenance(attributeNote).path("extra").path("misp_language").asText()).isEqualTo("ENG");
        ObjectNode reportNote = notes.stream().filter(n -> n.path("abstract").asText().equals("Loader analysis")).findFirst().orElseThrow();
        assertThat(reportNote.path("content").asText()).contains("@[attribute]");
        assertThat(reportNote.path("object_refs").get(0).asText()).as("the report refers to the attribute it mentions").isEqualTo(indicator);

        List<ObjectNode> opinions = ofType(c, "opinion");
        assertThat(opinions).hasSize(1);
        assertThat(opinions.get(0).path("opinion").asText()).isEqualTo("agree");
        assertThat(opinions.get(0).path("explanation").asText()).isEqualTo("confirmed by our sensors");

        List<ObjectNode> relationships = ofType(c, "relationship").stream()
                .filter(r -> r.path("relationship_type").asText().equals("related-to")).toList();
        assertThat(relationships).hasSize(1);
        assertThat(relationships.get(0).path("source_ref").asText()).isEqualTo(indicator);
        assertThat(relationships.get(0).path("target_ref").asText()).isEqualTo(observed);

        assertThat(c.rejects()).hasSize(2);
        assertThat(c.rejects()).anySatisfy(r -> assertThat(r.reason()).contains("opinion 'high' is not a number from 0 to 100"));
        assertThat(c.rejects()).anySatisfy(r -> assertThat(r.reason())
                .contains("the related Attribute ffffffff-0000-4000-8000-000000000000 is not part of this event's STIX"));
        assertThat(CONVERTER.convert(event()).objects()).as("deterministic").map(o -> o.tree().toString())
                .isEqualTo(c.objects().stream().map(o -> o.tree().toString()).toList());
    }

    @Test
    void analystDataIsNeverSharedWiderThanWhatItIsAbout() throws Exception {
        ObjectNode e = (ObjectNode) event();
        ObjectNode attribute = (ObjectNode) e.get("Attribute").get(0);
        attribute.put("distribution", "0"); // your organisation only
        MispConversion c = CONVERTER.convert(e);
        ObjectNode note = ofType(c, "note").stream().filter(n -> n.path("content").asText().startsWith("C2")).findFirst().orElseThrow();
        assertThat(provenance(note).path("misp_distribution").asInt()).isZero();
    }
}

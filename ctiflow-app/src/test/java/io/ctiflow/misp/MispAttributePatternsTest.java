package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctiflow.misp.MispTestSupport.byId;
import static io.ctiflow.misp.MispTestSupport.convert;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.patterns;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** Expected patterns and observables, attribute by attribute, on real events. */
class MispAttributePatternsTest {

    @Test
    void xoristAttributesGiveTheirPatternsAndTextBecomesNotes() {
        MispConversion c = convert("events/circl-ransomware-xorist-small.json");
        assertThat(patterns(c)).containsExactlyInAnyOrder(
                "[file:name = '3Z4wnG9603it23y.exe']",
                "[file:hashes.MD5 = '0749bae92ca336a02c83d126e04ec628']",
                "[file:hashes.'SHA-1' = '77b0c41b7d340b8a3d903f21347bbf06aa766b5b']",
                "[file:hashes.'SHA-256' = 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68']",
                "[windows-registry-key:key = 'Software\\\\Wow6432Node\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run'"
                        + " AND windows-registry-key:values[*].data = '%TEMP%\\\\3Z4wnG9603it23y.exe']");
        assertThat(ofType(c, "note")).extracting(n -> n.path("content").asText()).contains("UPX packed");
        // the two links are the report's external references
        ObjectNode report = ofType(c, "report").get(0);
        assertThat(report.path("external_references").findValuesAsText("url")).hasSize(2);
        assertThat(report.path("object_refs")).hasSize(c.objects().size() - 4); // all but ctiflow identity, extension, marking, itself
        assertThat(c.attributes()).isEqualTo(9);
        validBundle("Xorist", c);
    }

    @Test
    void reginFilenamesAreObservablesAndHashesAndRegistryKeysAreIndicators() {
        MispConversion c = convert("events/circl-osint-regin-stage1-events-view.json");
        List<String> patterns = patterns(c);
        assertThat(patterns).filteredOn(p -> p.startsWith("[file:hashes.MD5 = ")).hasSize(27);
        assertThat(patterns).filteredOn(p -> p.startsWith("[windows-registry-key:key = ")).hasSize(3);
        // filenames without to_ids: one observed-data each, referencing a file SCO with a spec UUIDv5 id
        // (the event's link attribute is a url observable as well, as misp-stix writes it)
        List<ObjectNode> observed = ofType(c, "observed-data").stream()
                .filter(od -> byId(c, od.path("object_refs").get(0).asText()).path("type").asText().equals("file")).toList();
        assertThat(observed).hasSize(6);
        assertThat(ofType(c, "url")).extracting(u -> u.path("value").asText()).hasSize(1);
        for (ObjectNode od : observed) {
            assertThat(od.path("number_observed").asInt()).isEqualTo(1);
            JsonNode file = byId(c, od.path("object_refs").get(0).asText());
            assertThat(file.path("type").asText()).isEqualTo("file");
            assertThat(file.path("name").asText()).endsWith(".sys");
        }
        assertThat(ofType(c, "file")).extracting(f -> f.path("name").asText()).contains("abiosdsk.sys", "atdisk.sys");
        validBundle("Regin", c);
    }

    @Test
    void compositeAndObjectAttributesCombineIntoOneObservation() {
        MispConversion jrat = convert("circl-osint-jrat-crypter-large-with-attachments.json");
        assertThat(patterns(jrat)).anyMatch(p -> p.matches("\\[network-traffic:dst_ref\\.value = '[0-9.]+' AND network-traffic:dst_port = \\d+]")
                || p.isEmpty());
        assertThat(ofType(jrat, "network-traffic").size() + patterns(jrat).stream().filter(p -> p.startsWith("[network-traffic")).count())
                .isEqualTo(2);
        // a file object: all its hashes ANDed in one pattern
        assertThat(patterns(jrat)).anyMatch(p -> p.startsWith("[file:hashes.") && p.split(" AND ").length == 3);

        MispConversion sednit = convert("circl-osint-sednit-2017-objects-galaxies.json");
        // a domain-ip object with to_ids: one pattern ANDing the domain and the address it resolves to
        assertThat(patterns(sednit)).contains(
                "[domain-name:resolves_to_refs[*].value = '87.236.211.182' AND domain-name:value = 'servicecdp.com']");
        // unmapped object relations (file "state") are kept as provenance extras, never silently dropped
        assertThat(ofType(sednit, "indicator")).anyMatch(i -> MispTestSupport.provenance(i).path("extra").has("misp_state"));

        MispConversion samsam = convert("events/circl-us-cert-samsam-mar-objects-only.json");
        // 6 file objects; the 2 pe objects and their 8 sections fold into the files that reference them, and the
        // sections' to_ids hashes make those two files indicators as well
        assertThat(patterns(samsam).size() + ofType(samsam, "observed-data").size()).isEqualTo(6);
        assertThat(patterns(samsam)).hasSize(5).filteredOn(p -> p.split(" AND ").length == 3).hasSize(3);
        assertThat(patterns(samsam)).filteredOn(p -> p.contains("file:extensions.'windows-pebinary-ext'.sections[*].hashes.MD5 = ")).hasSize(2);
        // the fully described files (no to_ids) are file SCOs with all hashes, size and MIME type
        assertThat(ofType(samsam, "file")).anyMatch(f -> f.path("hashes").has("SHA-512") && f.path("hashes").has("SSDEEP")
                && f.path("size").isNumber() && f.has("mime_type") && f.has("name"));
        validBundle("jRAT, Sednit, SamSam", List.of(jrat, sednit, samsam));
    }
}

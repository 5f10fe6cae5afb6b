package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unknown attribute types, object templates and galaxies are never silent; broken mapping files fail at load with file and key. */
class MispUnknownTypesCountedTest {

    static final String EVENT = """
            {"Event": {"uuid": "0d5e1a9c-6f7b-4c55-9f6e-2b1f7a0c0005", "info": "new types", "date": "2024-03-05", "timestamp": "1709640000",
             "published": true, "Orgc": {"name": "CERT-X", "uuid": "11111111-2222-4333-8444-555555555555"},
             "Attribute": [
               {"uuid": "90000000-0000-4000-8000-000000000001", "type": "dkim-signature", "value": "v=1; a=rsa-sha256", "to_ids": false, "timestamp": "1709640000"},
               {"uuid": "90000000-0000-4000-8000-000000000002", "type": "domain", "value": "known.example.com", "to_ids": true, "timestamp": "1709640000"}],
             "Object": [{"uuid": "91000000-0000-4000-8000-000000000001", "name": "shiny-new-template", "Attribute": [
               {"uuid": "91100000-0000-4000-8000-000000000001", "object_relation": "x", "type": "text", "value": "y"}]}],
             "Galaxy": [{"uuid": "92000000-0000-4000-8000-000000000001", "type": "shiny-galaxy", "GalaxyCluster": [{"value": "z"}]}]}}
            """;

    @Test
    void unknownTypesAreCountedAndRejectedUnderTheSkipRule() throws Exception {
        MispConversion c = CONVERTER.convert(Stix.mapper().readTree(EVENT));
        assertThat(c.unknownTypes()).isEqualTo(3);
        assertThat(c.rejects()).extracting(Reject::reason).containsExactly(
                "attribute 90000000-0000-4000-8000-000000000001 (dkim-signature): attribute type 'dkim-signature' is not in mappings/misp/attribute-types.yaml",
                "object 91000000-0000-4000-8000-000000000001 (shiny-new-template): object template 'shiny-new-template' is not in mappings/misp/object-templates.yaml",
                "galaxy 92000000-0000-4000-8000-000000000001 (shiny-galaxy): galaxy type 'shiny-galaxy' is not in mappings/misp/galaxies.yaml");
        assertThat(c.attributes()).isEqualTo(3);
        assertThat(c.mispObjects()).isEqualTo(1);
        assertThat(MispTestSupport.patterns(c)).containsExactly("[domain-name:value = 'known.example.com']");
    }

    @Test
    void theNoteRuleKeepsUnknownAttributesAsNotes(@TempDir Path root) throws Exception {
        Path dir = copyMappings(root);
        Path types = dir.resolve("attribute-types.yaml");
        Files.writeString(types, Files.readString(types).replace("unknown_types: skip", "unknown_types: note"));
        MispConversion c = new MispToStix(dir).convert(Stix.mapper().readTree(EVENT));
        assertThat(c.unknownTypes()).isEqualTo(3);
        ObjectNode note = ofType(c, "note").get(0);
        assertThat(note.path("abstract").asText()).isEqualTo("MISP attribute of unmapped type dkim-signature");
        assertThat(note.path("content").asText()).isEqualTo("v=1; a=rsa-sha256");
        assertThat(c.rejects()).hasSize(2); // the object and the galaxy
        validBundle("unknown types as notes", c);
    }

    @Test
    void brokenMappingFilesNameFileKeyAndProblem(@TempDir Path root) throws Exception {
        Path dir = copyMappings(root);
        Path types = dir.resolve("attribute-types.yaml");
        String original = Files.readString(types);
        Files.writeString(types, original.replace("{kind: ip, path: value}", "{kind: ipaddress, path: value}"));
        assertThatThrownBy(() -> new MispToStix(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("attribute-types.yaml: types.ip-dst.fields[0].kind: unknown kind 'ipaddress'");
        Files.writeString(types, original.replace("unknown_types: skip", "unknown_types: maybe"));
        assertThatThrownBy(() -> new MispToStix(dir)).hasMessageContaining("attribute-types.yaml")
                .hasMessageContaining("misp-attribute-types.schema.json").hasMessageContaining("$.unknown_types");
        Files.writeString(types, original);
        Path galaxies = dir.resolve("galaxies.yaml");
        Files.writeString(galaxies, Files.readString(galaxies).replace("tool: {sdo: tool}", "tool: {sdo: weapon}"));
        assertThatThrownBy(() -> new MispToStix(dir)).hasMessageContaining("galaxies.yaml")
                .hasMessageContaining("misp-galaxies.schema.json").hasMessageContaining("$.galaxies.tool.sdo");
        Files.delete(galaxies);
        assertThatThrownBy(() -> new MispToStix(dir)).hasMessageContaining("galaxies.yaml: file not found");
    }

    /** A copy of mappings/misp/ and mappings/schema/ under root; returns the misp folder. */
    private static Path copyMappings(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("misp"));
        for (String f : new String[] {"attribute-types.yaml", "object-templates.yaml", "galaxies.yaml", "to-ids-defaults.yaml"}) {
            Files.copy(Path.of("mappings/misp").resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Path schema = Files.createDirectories(root.resolve("schema"));
        try (var schemas = Files.list(Path.of("mappings/schema"))) {
            for (Path f : schemas.toList()) {
                Files.copy(f, schema.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}

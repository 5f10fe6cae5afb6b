package io.ctiflow.connectors.otx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** connectors/alienvault-otx-source follows STYLE.md section 3 (until the shared contract test lints every folder). */
class OtxConnectorFolderTest {

    @Test
    void theFolderHoldsWhatStyleAsksAndTheKameletFollowsItsRules() throws Exception {
        var folder = OtxSamples.FOLDER;
        for (String file : List.of("alienvault-otx-source.kamelet.yaml", "mapping.yaml", "connector-test.yaml", "README.md",
                "samples/SOURCE.md", "samples/subscribed-pulses.input.json", "samples/bad-values.input.json")) {
            assertThat(folder.resolve(file)).as(file).isRegularFile();
        }
        assertThat(Files.readString(folder.resolve("mapping.yaml"))).contains("mapping: otx-pulses");

        String text = Files.readString(folder.resolve("alienvault-otx-source.kamelet.yaml"));
        JsonNode kamelet = new ObjectMapper(new YAMLFactory()).readTree(text);
        assertThat(kamelet.at("/metadata/name").asText()).isEqualTo("alienvault-otx-source");
        assertThat(kamelet.at("/metadata/labels").path("camel.apache.org/kamelet.type").asText()).isEqualTo("source");
        JsonNode definition = kamelet.at("/spec/definition");
        assertThat(definition.path("title").asText()).endsWith("Source");
        String template = kamelet.at("/spec/template").toString();
        assertThat(template).contains("otx:{{feedName}}").endsWith("{\"to\":\"kamelet:sink\"}]}}");
        List<String> declared = new ArrayList<>();
        definition.path("properties").fields().forEachRemaining(p -> {
            JsonNode prop = p.getValue();
            declared.add(p.getKey());
            assertThat(prop.path("title").asText()).as(p.getKey()).matches("([A-Z][A-Za-z]*)( [A-Z][A-Za-z]*)*");
            assertThat(prop.path("description").asText()).as(p.getKey()).isNotBlank();
            assertThat(prop.has("type")).as(p.getKey()).isTrue();
            assertThat(prop.has("default") || prop.has("example")).as(p.getKey()).isTrue();
            assertThat(template).as(p.getKey() + " used").contains("{{" + p.getKey() + "}}");
        });
        assertThat(definition.at("/properties/apiKey/format").asText()).isEqualTo("password");
        assertThat(definition.at("/properties/apiKey/x-descriptors").toString()).contains("urn:camel:group:credentials");
        Matcher used = Pattern.compile("\\{\\{([A-Za-z]+)}}").matcher(template);
        while (used.find()) {
            assertThat(declared).as("placeholder " + used.group(1) + " declared").contains(used.group(1));
        }
    }
}

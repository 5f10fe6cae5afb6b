package io.ctiflow.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema oracle itself: accepts the official examples, rejects a broken indicator. Proves the oracle can fail. */
class OfficialStixSchemasSelfTest {

    @Test
    void acceptsTheOasisExampleBundles() throws IOException {
        OfficialStixSchemas schemas = OfficialStixSchemas.require();
        List<Path> examples;
        try (Stream<Path> s = Files.list(Path.of("ctiflow-app/src/test/resources/stix/oasis-examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(9);
        for (Path example : examples) {
            JsonNode bundle = Stix.mapper().readTree(example.toFile());
            assertThat(schemas.validateBundle(bundle)).as(example.toString()).isEmpty();
        }
    }

    @Test
    void rejectsAnIndicatorWithoutPatternAndWithABadTimestamp() {
        OfficialStixSchemas schemas = OfficialStixSchemas.require();
        ObjectNode indicator = Stix.mapper().createObjectNode();
        indicator.put("type", "indicator");
        indicator.put("spec_version", "2.1");
        indicator.put("id", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        indicator.put("created", "2016-13-45T00:00:00Z");
        indicator.put("modified", "2016-04-06T20:03:48.000Z");
        indicator.put("valid_from", "2016-01-01T00:00:00Z");
        indicator.put("pattern_type", "stix");
        assertThat(schemas.validateObject(indicator)).isNotEmpty()
                .anySatisfy(p -> assertThat(p).contains("pattern"));
    }

    @Test
    void acceptsTheTlp2MarkingDefinitions() {
        OfficialStixSchemas schemas = OfficialStixSchemas.require();
        for (Tlp tlp : Tlp.values()) {
            assertThat(schemas.validateObject(tlp.markingDefinition())).as(tlp.label()).isEmpty();
        }
        assertThat(schemas.validateObject(CtiflowExtension.definition())).isEmpty();
        assertThat(schemas.validateObject(CtiflowExtension.identity())).isEmpty();
    }
}

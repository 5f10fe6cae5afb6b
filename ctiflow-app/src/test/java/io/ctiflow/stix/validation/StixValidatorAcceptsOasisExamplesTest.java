package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.ctiflow.stix.validation.ValidationFixtures.resource;
import static io.ctiflow.stix.validation.ValidationFixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

/** The official OASIS example bundles (ctiflow-app/src/test/resources/stix/oasis-examples, see SOURCE.md) are valid STIX 2.1. */
class StixValidatorAcceptsOasisExamplesTest {

    static final List<String> EXAMPLES = List.of(
            "defining-campaigns-threat-actors-intrusion-sets",
            "identifying-a-threat-actor-profile",
            "indicator-for-malicious-url",
            "malware-indicator-for-file-hash",
            "sighting-of-an-indicator",
            "sighting-of-observed-data",
            "threat-actor-leveraging-attack-patterns-and-malware",
            "using-granular-markings",
            "using-marking-definitions");

    static Stream<String> examples() {
        return EXAMPLES.stream();
    }

    private static JsonNode example(String name) {
        return resource("/stix/oasis-examples/" + name + ".json");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleBundleHasNoErrors(String name) {
        JsonNode bundle = example(name);
        assertThat(bundle.path("objects").size()).isGreaterThan(1);
        assertThat(validate(bundle)).filteredOn(ValidationProblem::isError).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyObjectOfTheExampleIsValidOnItsOwn(String name) {
        for (JsonNode object : example(name).path("objects")) {
            assertThat(validate(object)).as(object.path("id").asText()).filteredOn(ValidationProblem::isError).isEmpty();
        }
    }

    @Test
    void standardTlpMarkingsNeedNotBeInTheBundle() {
        // the granular-markings example points at TLP 1.0 red, amber and green without carrying them
        JsonNode bundle = example("using-granular-markings");
        assertThat(bundle.toString()).contains("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
        assertThat(validate(bundle)).isEmpty();
    }

    @Test
    void patternsOfTheExamplesParse() {
        for (String name : EXAMPLES) {
            for (JsonNode object : example(name).path("objects")) {
                if (object.has("pattern")) {
                    assertThat(StixPatternParser.objectTypes(object.get("pattern").asText())).isNotEmpty();
                }
            }
        }
    }
}

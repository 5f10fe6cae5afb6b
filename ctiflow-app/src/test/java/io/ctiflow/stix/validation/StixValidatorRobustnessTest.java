package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ctiflow.stix.validation.ValidationFixtures.JSON;
import static io.ctiflow.stix.validation.ValidationFixtures.bundle;
import static io.ctiflow.stix.validation.ValidationFixtures.indicator;
import static io.ctiflow.stix.validation.ValidationFixtures.object;
import static io.ctiflow.stix.validation.ValidationFixtures.resource;
import static io.ctiflow.stix.validation.ValidationFixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

/** Poison input: the validator reports problems and never throws. */
class StixValidatorRobustnessTest {

    private static final List<JsonNode> JUNK = List.of(
            JsonNodeFactory.instance.nullNode(), JSON.valueToTree(-1), JSON.valueToTree(3.5), JSON.valueToTree(""),
            JSON.valueToTree("x--y"), JSON.valueToTree(true), JSON.createArrayNode(), JSON.createObjectNode(),
            object("{\"a\": [1, {\"b_ref\": 2}]}"), JSON.createArrayNode().add(JSON.createArrayNode()));

    @Test
    void nonObjectsAreOneProblem() {
        for (JsonNode input : new JsonNode[] {null, MissingNode.getInstance(), JSON.createArrayNode(),
                JSON.valueToTree("bundle"), JsonNodeFactory.instance.nullNode()}) {
            List<ValidationProblem> problems = new StixValidator().validate(input);
            assertThat(problems).singleElement()
                    .satisfies(p -> assertThat(p.message()).startsWith("expected a STIX bundle or object"));
            assertThat(StixValidator.hasErrors(problems)).isTrue();
        }
    }

    @Test
    void emptyObjectIsReportedNotThrown() {
        assertThat(validate(JSON.createObjectNode())).extracting(ValidationProblem::property)
                .containsExactly("type", "id");
    }

    /** Every property of every object of every OASIS example, replaced by every kind of wrong value. */
    @Test
    void wrongValuesAnywhereNeverThrow() {
        int validations = 0;
        for (String name : StixValidatorAcceptsOasisExamplesTest.EXAMPLES) {
            JsonNode example = resource("/stix/oasis-examples/" + name + ".json");
            for (JsonNode original : example.path("objects")) {
                List<String> properties = new ArrayList<>();
                original.fieldNames().forEachRemaining(properties::add);
                for (String property : properties) {
                    for (JsonNode junk : JUNK) {
                        ObjectNode broken = original.deepCopy();
                        broken.set(property, junk);
                        validate(broken);
                        validate(bundle(broken, original));
                        validations += 2;
                    }
                }
            }
        }
        assertThat(validations).isGreaterThan(5_000);
    }

    @Test
    void deeplyNestedAndHugeValuesAreFine() {
        ObjectNode o = indicator();
        ObjectNode nested = o.putObject("x_nested");
        for (int i = 0; i < 400; i++) {
            nested = nested.putObject("x_level");
        }
        o.put("description", "A".repeat(5_000_000));
        assertThat(validate(o)).isEmpty();
        assertThat(validate(indicator().put("pattern", "[".repeat(50_000))))
                .singleElement().satisfies(p -> assertThat(p.property()).isEqualTo("pattern"));
    }

    @Test
    void hasErrorsIgnoresWarnings() {
        assertThat(StixValidator.hasErrors(List.of())).isFalse();
        assertThat(StixValidator.hasErrors(List.of(ValidationProblem.warning("a--b", "c", "d")))).isFalse();
        assertThat(StixValidator.hasErrors(List.of(ValidationProblem.warning(null, null, "d"),
                ValidationProblem.error(null, null, "e")))).isTrue();
    }
}

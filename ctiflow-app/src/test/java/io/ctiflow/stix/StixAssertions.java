package io.ctiflow.stix;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.validation.StixValidator;
import io.ctiflow.stix.validation.ValidationProblem;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bundle a test produces goes through both oracles: the official schemas (per object) and ctiflow validate. */
public final class StixAssertions {

    private static final Optional<OfficialStixSchemas> SCHEMAS = OfficialStixSchemas.find();
    private static boolean warned;

    private StixAssertions() {
    }

    public static void assertValidBundle(JsonNode bundle, String what) {
        if (SCHEMAS.isPresent()) {
            assertThat(SCHEMAS.get().validateBundle(bundle)).as("official STIX 2.1 schemas: " + what).isEmpty();
        } else if (!warned) {
            warned = true;
            System.err.println("official STIX 2.1 schemas not found (stix.schemas.dir): schema cross-check skipped");
        }
        List<ValidationProblem> problems = new StixValidator().validate(bundle);
        assertThat(problems).as("ctiflow validate: " + what)
                .noneMatch(p -> p.severity() == ValidationProblem.Severity.ERROR);
    }
}

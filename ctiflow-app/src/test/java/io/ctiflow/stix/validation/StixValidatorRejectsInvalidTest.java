package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctiflow.stix.validation.ValidationFixtures.errors;
import static io.ctiflow.stix.validation.ValidationFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written bundles of ctiflow-app/src/test/resources/stix/invalid: each breaks one rule per object, and exactly
 * those breaks come back as errors, in document order, naming the offending object and property.
 */
class StixValidatorRejectsInvalidTest {

    /** An expected error: the index of the offending object in the bundle, its property, part of the message. */
    record Expected(int object, String property, String message) {
    }

    private static void assertErrorsExactly(String file, Expected... expected) {
        JsonNode bundle = resource("/stix/invalid/" + file);
        List<ValidationProblem> errors = errors(bundle);
        assertThat(errors).as(file).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            ValidationProblem actual = errors.get(i);
            Expected e = expected[i];
            assertThat(actual.objectId()).isEqualTo(bundle.path("objects").get(e.object()).path("id").asText());
            assertThat(actual.property()).isEqualTo(e.property());
            assertThat(actual.message()).contains(e.message());
            assertThat(actual.toString()).isEqualTo(actual.objectId() + ": " + e.property() + ": " + actual.message());
        }
    }

    @Test
    void badPatternsAreReportedWithTheParserMessageAndPosition() {
        assertErrorsExactly("bad-patterns.json",
                new Expected(0, "pattern", "expected ']' to close the observation expression opened at position 0"
                        + " but found end of pattern at position 28"),
                new Expected(1, "pattern", "invalid number '1.2.3.4' (string values must be quoted) at position 19"),
                new Expected(2, "pattern", "invalid escape sequence '\\q' in string literal"),
                new Expected(3, "pattern", "unterminated string literal at position 19"));
    }

    @Test
    void badIdsAreReported() {
        assertErrorsExactly("bad-ids.json",
                new Expected(0, "id", "'indicator--not-a-uuid' is not a valid identifier"),
                new Expected(1, "id", "id prefix 'malware' does not match type 'indicator'"));
    }

    @Test
    void badTimestampsAreReported() {
        assertErrorsExactly("bad-timestamps.json",
                new Expected(0, "created", "'2016-13-45T00:00:00Z' is not a valid timestamp"),
                new Expected(1, "modified", "is not in UTC"),
                new Expected(2, "modified", "must be later than or equal to created"));
    }

    @Test
    void danglingReferenceIsReported() {
        assertErrorsExactly("dangling-reference.json",
                new Expected(1, "target_ref", "dangling reference 'malware--5578feb6-ae4c-4194-8e48-26afb31e3840'"));
    }

    @Test
    void createdByRefToAMalwareIsReported() {
        assertErrorsExactly("created-by-malware.json",
                new Expected(1, "created_by_ref", "has type malware, but created_by_ref must reference identity"));
    }

    @Test
    void missingRequiredPropertiesAreReported() {
        assertErrorsExactly("missing-required.json",
                new Expected(0, "pattern", "required property is missing"),
                new Expected(1, "is_family", "required property is missing"),
                new Expected(2, "target_ref", "required property is missing"));
    }

    @Test
    void everyInvalidBundleFailsAsAWhole() {
        for (String file : List.of("bad-patterns.json", "bad-ids.json", "bad-timestamps.json",
                "dangling-reference.json", "created-by-malware.json", "missing-required.json")) {
            assertThat(StixValidator.hasErrors(new StixValidator().validate(resource("/stix/invalid/" + file))))
                    .as(file).isTrue();
        }
    }
}

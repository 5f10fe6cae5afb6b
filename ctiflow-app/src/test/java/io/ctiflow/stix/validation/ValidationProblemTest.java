package io.ctiflow.stix.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationProblemTest {

    @Test
    void rendersOneReadableLine() {
        assertThat(ValidationProblem.error("indicator--1234", "pattern", "unterminated string literal at position 27"))
                .hasToString("indicator--1234: pattern: unterminated string literal at position 27");
        assertThat(ValidationProblem.error(null, "id", "required property is missing"))
                .hasToString("id: required property is missing");
        assertThat(ValidationProblem.error("bundle--1", null, "bad"))
                .hasToString("bundle--1: bad");
        assertThat(ValidationProblem.warning("malware--1", "objects", "deprecated"))
                .hasToString("malware--1: objects: warning: deprecated");
    }

    @Test
    void lineBreaksFromTheInputDoNotSplitTheLine() {
        assertThat(ValidationProblem.error("x--1", "name", "'a\r\nb' is odd").toString())
                .isEqualTo("x--1: name: 'a b' is odd")
                .doesNotContain("\n");
    }

    @Test
    void messageAndSeverityAreRequired() {
        assertThatThrownBy(() -> new ValidationProblem(null, null, null, ValidationProblem.Severity.ERROR))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ValidationProblem(null, null, "m", null))
                .isInstanceOf(NullPointerException.class);
    }
}

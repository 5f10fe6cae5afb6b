package io.ctiflow.stix.validation;

import java.util.Objects;

/**
 * One finding of {@link StixValidator}.
 *
 * @param objectId the id of the offending object as written in the input (null when the object has no id,
 *                 or for problems of the document itself)
 * @param property the offending property, with list positions, e.g. {@code granular_markings[0].marking_ref}
 *                 (null when the problem concerns the object as a whole)
 * @param message  what is wrong, readable on its own
 * @param severity ERROR for a violated MUST of STIX 2.1, WARNING for a SHOULD or a deprecated feature
 */
public record ValidationProblem(String objectId, String property, String message, Severity severity) {

    public enum Severity { ERROR, WARNING }

    public ValidationProblem {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    public static ValidationProblem error(String objectId, String property, String message) {
        return new ValidationProblem(objectId, property, message, Severity.ERROR);
    }

    public static ValidationProblem warning(String objectId, String property, String message) {
        return new ValidationProblem(objectId, property, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line, e.g. {@code indicator--8e2e…: pattern: unterminated string literal at position 19}. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder();
        if (objectId != null) {
            line.append(objectId).append(": ");
        }
        if (property != null) {
            line.append(property).append(": ");
        }
        if (severity == Severity.WARNING) {
            line.append("warning: ");
        }
        line.append(message);
        // values quoted from the input may hold line breaks; a problem must stay on one line
        return line.toString().replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
    }
}

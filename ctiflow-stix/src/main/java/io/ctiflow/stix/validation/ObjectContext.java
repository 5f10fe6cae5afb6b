package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One STIX object under validation and the list its problems go to. */
final class ObjectContext {

    private final JsonNode node;
    private final String type;
    private final String id;
    private final StixRules.Category category;
    private final List<ValidationProblem> problems;

    /**
     * @param type the object's type, or null when it has no usable type
     * @param id   the object's id as written, or null when it has no textual id
     */
    ObjectContext(JsonNode node, String type, String id, StixRules.Category category, List<ValidationProblem> problems) {
        this.node = node;
        this.type = type;
        this.id = id;
        this.category = category;
        this.problems = problems;
    }

    JsonNode node() {
        return node;
    }

    String type() {
        return type;
    }

    String id() {
        return id;
    }

    StixRules.Category category() {
        return category;
    }

    /** The property's value, or null when absent or JSON null. */
    JsonNode get(String property) {
        JsonNode value = node.get(property);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String property) {
        return get(property) != null;
    }

    /** The property's text when it is a JSON string, else null. */
    String text(String property) {
        JsonNode value = get(property);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    void error(String property, String message) {
        problems.add(ValidationProblem.error(id, property, message));
    }

    void warning(String property, String message) {
        problems.add(ValidationProblem.warning(id, property, message));
    }
}

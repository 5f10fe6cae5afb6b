package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.validation.StixRules.Bounds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-type rules of {@code stix21-rules.yaml}: required properties, at-least-one and exactly-one groups,
 * properties that need a companion, numeric bounds, booleans and vocabularies.
 */
final class TypeRuleChecks {

    private final StixRules rules;

    TypeRuleChecks(StixRules rules) {
        this.rules = rules;
    }

    void check(ObjectContext o) {
        String type = o.type();
        if (type == null) {
            return;
        }
        for (String property : rules.required(type)) {
            if (!o.has(property)) {
                o.error(property, "required property is missing");
            }
        }
        List<String> anyOf = rules.atLeastOne(type);
        if (!anyOf.isEmpty() && anyOf.stream().noneMatch(o::has)) {
            o.error(null, "a " + type + " needs at least one of " + String.join(", ", anyOf));
        }
        List<String> oneOf = rules.exactlyOne(type);
        if (!oneOf.isEmpty() && oneOf.stream().filter(o::has).count() != 1) {
            o.error(null, "a " + type + " needs exactly one of " + String.join(", ", oneOf));
        }
        for (Map.Entry<String, String> pair : rules.requiresAlso(type).entrySet()) {
            if (o.has(pair.getKey()) && !o.has(pair.getValue())) {
                o.error(pair.getKey(), "requires " + pair.getValue() + " to be present as well");
            }
        }
        rules.bounds(type).forEach((property, bounds) -> checkBounds(o, property, bounds));
        for (String property : rules.booleans(type)) {
            if (o.has(property) && !o.get(property).isBoolean()) {
                o.error(property, "must be true or false, not " + o.get(property));
            }
        }
        rules.vocabularyUse(type).forEach((path, vocabulary) -> checkVocabulary(o, path, vocabulary));
    }

    private static void checkBounds(ObjectContext o, String property, Bounds bounds) {
        JsonNode value = o.get(property);
        if (value == null) {
            return;
        }
        boolean integral = value.isIntegralNumber()
                || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
        if (!value.isNumber() || (bounds.integer() && !integral)) {
            o.error(property, "must be " + (bounds.integer() ? "an integer" : "a number") + ", not " + value);
            return;
        }
        double number = value.asDouble();
        if ((bounds.min() != null && number < bounds.min()) || (bounds.max() != null && number > bounds.max())) {
            o.error(property, value + " is out of range " + range(bounds));
        }
    }

    private static String range(Bounds b) {
        String min = b.min() == null ? "" : b.integer() ? String.valueOf(b.min().longValue()) : String.valueOf(b.min());
        String max = b.max() == null ? "" : b.integer() ? String.valueOf(b.max().longValue()) : String.valueOf(b.max());
        return "[" + min + ".." + max + "]";
    }

    private void checkVocabulary(ObjectContext o, String path, String vocabulary) {
        Set<String> values = rules.vocabulary(vocabulary);
        boolean open = StixRules.isOpenVocabulary(vocabulary);
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        collect(o.node(), path.split("\\."), 0, "", found);
        for (Map.Entry<String, JsonNode> entry : found) {
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                o.error(entry.getKey(), "must be a string, not " + value);
            } else if (!values.contains(value.asText())) {
                if (open) {
                    o.warning(entry.getKey(), "'" + value.asText() + "' is not in the suggested vocabulary " + vocabulary);
                } else {
                    o.error(entry.getKey(), "'" + value.asText() + "' is not one of " + String.join(", ", values)
                            + " (" + vocabulary + ")");
                }
            }
        }
    }

    /** The values at a dotted path, stepping through lists; each with its display path (list positions included). */
    private static void collect(JsonNode node, String[] steps, int step, String display,
                                List<Map.Entry<String, JsonNode>> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray() && step > 0) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), steps, step, display + "[" + i + "]", out);
            }
        } else if (step == steps.length) {
            out.add(Map.entry(display, node));
        } else if (node.isObject()) {
            collect(node.get(steps[step]), steps, step + 1, step == 0 ? steps[0] : display + "." + steps[step], out);
        }
    }
}

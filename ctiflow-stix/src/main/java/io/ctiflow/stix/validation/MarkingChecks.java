package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Tlp;

import java.util.Optional;
import java.util.Set;

/**
 * Data markings (STIX 2.1 section 7.2): granular markings on any object, and the content of
 * marking-definition objects. Reference syntax and targets are left to {@link ReferenceChecks}.
 */
final class MarkingChecks {

    private static final Set<String> TLP1_LEVELS = Set.of("white", "green", "amber", "red");

    void check(ObjectContext o) {
        checkGranularMarkings(o);
        if ("marking-definition".equals(o.type())) {
            checkMarkingDefinition(o);
            checkStandardDefinition(o);
        }
    }

    private static void checkGranularMarkings(ObjectContext o) {
        JsonNode markings = o.get("granular_markings");
        if (markings == null) {
            return;
        }
        if (!markings.isArray()) {
            o.error("granular_markings", "must be a list");
            return;
        }
        for (int i = 0; i < markings.size(); i++) {
            JsonNode marking = markings.get(i);
            String property = "granular_markings[" + i + "]";
            if (!marking.isObject()) {
                o.error(property, "must be an object");
                continue;
            }
            if (marking.hasNonNull("marking_ref") == marking.hasNonNull("lang")) {
                o.error(property, "must have exactly one of marking_ref and lang");
            }
            if (marking.hasNonNull("lang")) {
                CommonPropertyChecks.checkLanguageTag(o, property + ".lang", marking.get("lang"));
            }
            checkSelectors(o, property + ".selectors", marking.get("selectors"));
        }
    }

    private static void checkSelectors(ObjectContext o, String property, JsonNode selectors) {
        if (selectors == null || !selectors.isArray() || selectors.isEmpty()) {
            o.error(property, selectors == null ? "required property is missing" : "must be a non-empty list");
            return;
        }
        for (int j = 0; j < selectors.size(); j++) {
            JsonNode selector = selectors.get(j);
            if (!selector.isTextual() || !resolves(o.node(), selector.asText())) {
                o.error(property + "[" + j + "]", "selector " + selector + " does not match any property of the object");
            }
        }
    }

    /** Follows a selector such as {@code external_references.[0].url} through the object. */
    static boolean resolves(JsonNode object, String selector) {
        JsonNode current = object;
        for (String step : selector.split("\\.", -1)) {
            if (step.length() > 2 && step.startsWith("[") && step.endsWith("]")) {
                int index;
                try {
                    index = Integer.parseInt(step.substring(1, step.length() - 1));
                } catch (NumberFormatException e) {
                    return false;
                }
                if (!current.isArray() || index < 0 || index >= current.size()) {
                    return false;
                }
                current = current.get(index);
            } else {
                if (!current.isObject() || !current.has(step)) {
                    return false;
                }
                current = current.get(step);
            }
        }
        return true;
    }

    /**
     * The TLP definitions are fixed by FIRST and OASIS, and partners read the id, not the body: a different body
     * under a standard id (the CLEAR id defined as RED, or renamed) is an error, never a definition to forward.
     */
    private static void checkStandardDefinition(ObjectContext o) {
        if (o.id() == null) {
            return;
        }
        Optional<ObjectNode> standard = Tlp.standardDefinition(o.id());
        if (standard.isEmpty() || standard.get().equals(o.node())) {
            return;
        }
        Tlp byId = Tlp.fromStandardMarkingId(o.id()).orElseThrow();
        Optional<Tlp> stated = Tlp.statedBy(o.node());
        String what = stated.isPresent() && stated.get() != byId ? "defines " + stated.get().label()
                : "differs from the standard definition";
        o.error(null, "reuses the standard " + byId.label() + " id but " + what
                + "; the standard TLP definitions are fixed and cannot be redefined");
    }

    /** definition_type and definition are required unless the marking is defined by an extension. */
    private static void checkMarkingDefinition(ObjectContext o) {
        if (o.has("extensions")) {
            return;
        }
        String definitionType = o.text("definition_type");
        JsonNode definition = o.get("definition");
        if (!o.has("definition_type")) {
            o.error("definition_type", "required property is missing (or use extensions)");
        } else if (definitionType == null) {
            o.error("definition_type", "must be a string");
        }
        if (definition == null) {
            o.error("definition", "required property is missing (or use extensions)");
            return;
        }
        if (!definition.isObject()) {
            o.error("definition", "must be an object");
            return;
        }
        if ("tlp".equals(definitionType)) {
            JsonNode level = definition.get("tlp");
            if (level == null || !TLP1_LEVELS.contains(level.asText())) {
                o.error("definition.tlp", "must be one of white, green, amber, red for definition_type tlp");
            }
        } else if ("statement".equals(definitionType) && !definition.path("statement").isTextual()) {
            o.error("definition.statement", "a statement marking needs a statement string");
        }
    }
}

package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Identifier references (STIX 2.1 sections 2.9 and 3.1): every {@code *_ref} holds an identifier and every
 * {@code *_refs} a non-empty list of them, at any depth; the referenced type is one the property allows;
 * and, inside a bundle, the referenced object is in the bundle (standard TLP markings excepted).
 */
final class ReferenceChecks {

    private final StixRules rules;

    ReferenceChecks(StixRules rules) {
        this.rules = rules;
    }

    /** @param bundleIds the ids of the enclosing bundle's objects, or null when the object stands alone */
    void check(ObjectContext o, Set<String> bundleIds) {
        walk(o, bundleIds, o.node(), "", "");
        checkRelatesTwoObjects(o);
    }

    /** A relationship or sighting that relates an object to itself says nothing, and may hide a marking loop. */
    private static void checkRelatesTwoObjects(ObjectContext o) {
        if ("relationship".equals(o.type())) {
            String source = o.text("source_ref");
            if (source != null && source.equals(o.text("target_ref"))) {
                o.error("target_ref", "a relationship must relate two different objects, but source_ref and target_ref are both " + source);
            }
        }
    }

    private void walk(ObjectContext o, Set<String> ids, JsonNode node, String lookupPath, String displayPath) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            // the deprecated observed-data container refers to its own keys ("0", "1"), not to ids
            if (value.isNull() || (lookupPath.isEmpty() && name.equals("objects") && "observed-data".equals(o.type()))) {
                continue;
            }
            boolean container = value.isContainerNode();
            if (!container && !name.endsWith("_ref") && !name.endsWith("_refs")) {
                continue; // most properties: no paths built for them
            }
            String lookup = lookupPath.isEmpty() ? name : lookupPath + "." + name;
            String display = displayPath.isEmpty() ? name : displayPath + "." + name;
            if (name.endsWith("_ref")) {
                checkReference(o, ids, value, lookup, display);
            } else if (name.endsWith("_refs")) {
                if (!value.isArray() || value.isEmpty()) {
                    o.error(display, "must be a non-empty list of identifiers");
                    continue;
                }
                for (int i = 0; i < value.size(); i++) {
                    checkReference(o, ids, value.get(i), lookup, display + "[" + i + "]");
                }
            } else if (value.isObject()) {
                walk(o, ids, value, lookup, display);
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        walk(o, ids, value.get(i), lookup, display + "[" + i + "]");
                    }
                }
            }
        }
    }

    private void checkReference(ObjectContext o, Set<String> ids, JsonNode value, String lookup, String display) {
        if (!value.isTextual() || !StixSyntax.isIdentifier(value.asText())) {
            o.error(display, value + " is not a valid identifier (expected <type>--<RFC 4122 UUID>)");
            return;
        }
        String ref = value.asText();
        String targetType = StixSyntax.typeOf(ref);
        List<String> allowed = o.type() == null ? List.of() : rules.referenceTargets(o.type(), lookup);
        if (!rules.allowsTarget(allowed, targetType)) {
            String name = lookup.substring(lookup.lastIndexOf('.') + 1);
            o.error(display, "'" + ref + "' has type " + targetType + ", but " + name + " must reference "
                    + describe(allowed));
        }
        if (ref.equals(o.id())) {
            boolean marking = lookup.equals("object_marking_refs") || lookup.equals("granular_markings.marking_ref");
            o.error(display, marking ? "a marking-definition must not mark itself" : "an object must not refer to itself");
        }
        if (ids != null && !ids.contains(ref) && !rules.isStandardMarking(ref)) {
            o.error(display, "dangling reference '" + ref + "': no object with this id in the bundle");
        }
    }

    private static String describe(List<String> entries) {
        List<String> allowed = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith("!")) {
                excluded.add(readable(entry.substring(1)));
            } else {
                allowed.add(readable(entry));
            }
        }
        String text = allowed.isEmpty() ? "anything" : String.join(" or ", allowed);
        return excluded.isEmpty() ? text : text + " except " + String.join(", ", excluded);
    }

    private static String readable(String entry) {
        return switch (entry) {
            case "SDO" -> "a domain object";
            case "SRO" -> "a relationship object";
            case "SCO" -> "a cyber-observable";
            case "META" -> "a meta object";
            default -> entry;
        };
    }
}

package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixIds;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
/**
 * The destination's copy of one object while edit rules change it: copied on the first change, so
 * objects no rule touches are passed on as the original bytes.
 */
final class ObjectEdit {

    private final ObjectFacts facts;
    private ObjectNode copy;
    private final Set<String> rules = new LinkedHashSet<>();
    private final List<String> changes = new ArrayList<>();
    private String withheldBy;
    private String withheldReason;
    private String newId;

    ObjectEdit(ObjectFacts facts) {
        this.facts = facts;
    }

    /** The copy to change; the caller must record the change with {@link #changed}. */
    ObjectNode tree() {
        if (copy == null) {
            copy = facts.tree.deepCopy();
        }
        return copy;
    }

    boolean copied() {
        return copy != null;
    }

    void changed(String rule, String what) {
        rules.add(rule);
        changes.add(what);
    }

    /** Removes a property, or withholds the object when STIX requires the property. */
    void removeProperty(String rule, String property, String why) {
        if (RequiredProperties.isRequired(facts.type, property)) {
            withhold(rule, why + ", and " + property + " is required for a " + facts.type);
            return;
        }
        if (tree().remove(property) != null) {
            if (StixIds.isObservableType(facts.type) && !hasObservableProperty(tree())) {
                // an observable needs at least one of its own properties (e.g. a user-account its user_id)
                withhold(rule, why + ", and a " + facts.type + " without " + property + " has no property left");
                return;
            }
            dropSelectors(tree(), property);
            changed(rule, property + " removed (" + why + ")");
        }
    }

    /** Granular-marking selectors may not point at a property that is gone: they are removed, and markings left without one. */
    static void dropSelectors(ObjectNode tree, String property) {
        if (!(tree.get("granular_markings") instanceof ArrayNode markings)) {
            return;
        }
        for (Iterator<JsonNode> it = markings.iterator(); it.hasNext(); ) {
            JsonNode marking = it.next();
            if (marking.get("selectors") instanceof ArrayNode selectors) {
                for (Iterator<JsonNode> s = selectors.iterator(); s.hasNext(); ) {
                    String selector = s.next().asText();
                    if (selector.equals(property) || selector.startsWith(property + ".") || selector.startsWith(property + "[")) {
                        s.remove();
                    }
                }
                if (selectors.isEmpty()) {
                    it.remove();
                }
            }
        }
        if (markings.isEmpty()) {
            tree.remove("granular_markings");
        }
    }

    private static final Set<String> OBSERVABLE_COMMON = Set.of("type", "id", "spec_version", "object_marking_refs",
            "granular_markings", "defanged", "extensions");

    private static boolean hasObservableProperty(ObjectNode tree) {
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            if (!OBSERVABLE_COMMON.contains(it.next())) {
                return true;
            }
        }
        return false;
    }

    void withhold(String rule, String reason) {
        if (withheldBy == null) {
            withheldBy = rule;
            withheldReason = reason;
        }
    }

    boolean withheld() {
        return withheldBy != null;
    }

    String withheldBy() {
        return withheldBy;
    }

    String withheldReason() {
        return withheldReason;
    }

    boolean redacted() {
        return !changes.isEmpty();
    }

    String rules() {
        return String.join(",", rules);
    }

    String changes() {
        return String.join("; ", changes);
    }

    /** A new id for an observable whose id-contributing value changed (its old id derives from the value). */
    void newId(String id) {
        this.newId = id;
    }

    String newId() {
        return newId;
    }

    ObjectFacts facts() {
        return facts;
    }
}

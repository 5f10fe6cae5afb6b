package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.HashSet;
import java.util.Set;

/**
 * Granular markings: a property marked more restrictively than the destination may receive (or
 * with a marking ctiflow cannot honour) is removed, with its granular markings; when the property
 * is required, the whole object is withheld.
 */
final class GranularMarkingRule implements Rule {

    @Override
    public String name() {
        return "granular-marking";
    }

    @Override
    public void edit(ObjectFacts o, Destination d, RuleContext context, ObjectEdit edit) {
        if (o.granularMarkings.isEmpty()) {
            return;
        }
        Set<String> removed = new HashSet<>();
        for (ObjectFacts.GranularMarking g : o.granularMarkings) {
            String why = g.problem() != null ? g.problem()
                    : g.tlp() == null ? null : TlpRule.reason(g.tlp(), "property marked " + g.tlp().label(), o.sourcePolicy, d);
            if (why == null) {
                continue;
            }
            for (String property : g.properties()) {
                if (removed.add(property)) {
                    edit.removeProperty(name(), property, why);
                }
            }
        }
        if (!removed.isEmpty() && !edit.withheld()) {
            ArrayNode kept = edit.tree().arrayNode();
            for (JsonNode g : edit.tree().path("granular_markings")) {
                if (!reachesAny(g, removed)) {
                    kept.add(g);
                }
            }
            if (kept.isEmpty()) {
                edit.tree().remove("granular_markings");
            } else {
                edit.tree().set("granular_markings", kept);
            }
        }
    }

    private static boolean reachesAny(JsonNode marking, Set<String> properties) {
        for (JsonNode selector : marking.path("selectors")) {
            String s = selector.asText();
            int dot = s.indexOf('.');
            if (properties.contains(dot < 0 ? s : s.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }
}

package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * Attribution is shared only with destinations allowed it (explicitly, or by trust at least
 * policy.yaml's attribution_min_trust). Others get no attributed-to relationships, no
 * located-at/originates-from of actors, and threat actors and intrusion sets without their
 * identifying properties (the id still lets them correlate sightings of the same actor).
 */
final class AttributionRule implements Rule {

    private static final Set<String> ACTOR_TYPES = Set.of("threat-actor", "intrusion-set");
    private static final Set<String> LOCATING = Set.of("located-at", "originates-from");
    private static final List<String> IDENTIFYING = List.of("aliases", "description", "external_references", "roles", "goals",
            "sophistication", "resource_level", "primary_motivation", "secondary_motivations", "personal_motivations", "first_seen", "last_seen");

    @Override
    public String name() {
        return "attribution";
    }

    static boolean allowed(Destination d, Policy policy) {
        return d.attribution() != null ? d.attribution() : d.trust() >= policy.attributionMinTrust();
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        if (!o.type.equals("relationship") || allowed(d, context.policy())) {
            return null;
        }
        String type = o.tree.path("relationship_type").asText();
        if (type.equals("attributed-to")) {
            return denied(d, context, "attributed-to relationship");
        }
        if (LOCATING.contains(type)) {
            String sourceRef = o.tree.path("source_ref").asText();
            if (ACTOR_TYPES.contains(sourceRef.substring(0, Math.max(0, sourceRef.indexOf("--")))) || sourceRef.startsWith("campaign--")) {
                return denied(d, context, type + " relationship of an actor");
            }
        }
        return null;
    }

    @Override
    public void edit(ObjectFacts o, Destination d, RuleContext context, ObjectEdit edit) {
        if (!ACTOR_TYPES.contains(o.type) || allowed(d, context.policy())) {
            return;
        }
        ObjectNode t = edit.tree();
        for (String property : IDENTIFYING) {
            if (t.remove(property) != null) {
                ObjectEdit.dropSelectors(t, property);
            }
        }
        t.put("name", (o.type.equals("threat-actor") ? "Threat actor " : "Intrusion set ") + o.id.substring(o.id.indexOf("--") + 2, o.id.indexOf("--") + 10)
                + " (attribution withheld)");
        edit.changed(name(), "name and identifying properties removed (" + d.id() + " is not cleared for attribution)");
    }

    private static String denied(Destination d, RuleContext context, String what) {
        return what + ": " + d.id() + " (trust " + d.trustName() + ") is not cleared for attribution (needs "
                + context.policy().trustName(context.policy().attributionMinTrust()) + ")";
    }
}

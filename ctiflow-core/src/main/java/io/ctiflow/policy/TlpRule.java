package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Tlp;

import java.util.LinkedHashSet;
import java.util.Set;
/**
 * TLP 2.0 (TLP 1.0 markings are read as their 2.0 equivalents): CLEAR goes to anyone; GREEN only to
 * destinations in a community the source shares with; AMBER and AMBER+STRICT only to destinations
 * the source explicitly allows; RED never leaves; nothing above the destination's maximum. An
 * object whose TLP cannot be determined is withheld. A standard marking its bundle contradicted with a
 * stricter body is replaced by the stricter standard marking in what leaves.
 */
final class TlpRule implements Rule {

    @Override
    public String name() {
        return "tlp";
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        if (o.markingProblem != null) {
            return o.markingProblem;
        }
        if (o.tlp == null) {
            return "no TLP marking, and " + (o.sourcePolicy == null ? "no configured source" : "source " + o.source + " has no default_tlp")
                    + " to take one from";
        }
        return reason(o.tlp, o.tlpBasis, o.sourcePolicy, d);
    }

    @Override
    public void edit(ObjectFacts o, Destination d, RuleContext context, ObjectEdit edit) {
        if (o.remarked.isEmpty()) {
            return;
        }
        ObjectNode t = edit.tree();
        if (t.get("object_marking_refs") instanceof ArrayNode refs) {
            Set<String> marked = new LinkedHashSet<>();
            refs.forEach(r -> marked.add(o.remarked.getOrDefault(r.asText(), r.asText())));
            refs.removeAll();
            marked.forEach(refs::add);
        }
        for (JsonNode g : t.path("granular_markings")) {
            String stricter = o.remarked.get(g.path("marking_ref").asText());
            if (stricter != null) {
                ((ObjectNode) g).put("marking_ref", stricter);
            }
        }
        edit.changed(name(), "marked " + o.tlp.label() + ": a standard TLP id came with a body defining a stricter level");
    }

    /** Null when a destination may receive intelligence at this TLP level from this source. */
    static String reason(Tlp tlp, String basis, SourcePolicy source, Destination d) {
        if (tlp == Tlp.RED) {
            return basis + ": TLP:RED never leaves";
        }
        if (tlp.isMoreRestrictiveThan(d.maxTlp())) {
            return basis + ": " + d.id() + " accepts at most " + d.maxTlp().label();
        }
        return switch (tlp) {
            case CLEAR -> null;
            case GREEN -> source != null && d.inAnyOf(source.communities()) ? null
                    : basis + ": " + d.id() + " is in no community source " + (source == null ? "(unknown)" : source.id()) + " shares TLP:GREEN with";
            case AMBER -> source != null && source.amberTo().contains(d.id()) ? null
                    : basis + ": source " + (source == null ? "(unknown)" : source.id()) + " does not list " + d.id() + " in amber_to";
            case AMBER_STRICT -> source != null && source.amberStrictTo().contains(d.id()) ? null
                    : basis + ": source " + (source == null ? "(unknown)" : source.id()) + " does not list " + d.id() + " in amber_strict_to";
            case RED -> basis + ": TLP:RED never leaves";
        };
    }
}

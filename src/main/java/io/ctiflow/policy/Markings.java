package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Tlp;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * What each marking-definition of a bundle means to the filter: a TLP level (TLP 2.0 and 1.0, by
 * the standard ids or by content), an IEP 2.0 policy, or a statement (no restriction). A marking
 * that is none of these, that is not valid STIX, or that is referenced but absent, cannot be
 * honoured: objects carrying it are withheld. A standard TLP id means its standard level; when the
 * bundle carries a body under that id stating a stricter level, the stricter level applies (a
 * contradictory marking gets the most restrictive reading).
 */
final class Markings {

    /**
     * The meaning of one marking; exactly one of tlp, iep and problem is set, or none for a statement.
     * {@code basis} says how a TLP level was read when that is not simply the marking's own level.
     */
    record Meaning(Tlp tlp, Iep iep, String problem, String basis) {
        static final Meaning STATEMENT = new Meaning(null, null, null, null);

        Meaning(Tlp tlp, Iep iep, String problem) {
            this(tlp, iep, problem, null);
        }
    }

    private final Map<String, Meaning> byId = new HashMap<>();

    /** @param invalid why the definition is not valid STIX, or null */
    void add(JsonNode definition, String invalid) {
        String id = definition.path("id").asText();
        byId.put(id, invalid == null || Tlp.fromStandardMarkingId(id).isPresent() ? interpret(definition)
                : new Meaning(null, null, "marking " + id + " is not valid STIX (" + invalid + "), so its restrictions are unknown"));
    }

    Meaning meaning(String markingId) {
        Optional<Tlp> standard = Tlp.fromStandardMarkingId(markingId);
        if (standard.isPresent()) {
            Meaning carried = byId.get(markingId);
            if (carried != null && carried.tlp() != null && carried.tlp().isMoreRestrictiveThan(standard.get())) {
                return new Meaning(carried.tlp(), null, null, carried.tlp().label() + ": the standard " + standard.get().label()
                        + " id came with a body defining " + carried.tlp().label() + ", the most restrictive reading applies");
            }
            return new Meaning(standard.get(), null, null);
        }
        Meaning m = byId.get(markingId);
        return m != null ? m : new Meaning(null, null, "marking " + markingId + " is not in the bundle, so its restrictions are unknown");
    }

    private static Meaning interpret(JsonNode md) {
        String id = md.path("id").asText();
        String definitionType = md.path("definition_type").asText("");
        if (definitionType.equals("tlp")) {
            Optional<Tlp> t = Tlp.statedBy(md);
            return t.map(tlp -> new Meaning(tlp, null, null)).orElse(new Meaning(null, null, "TLP marking " + id + " has an unknown level"));
        }
        if (definitionType.equals("statement")) {
            return Meaning.STATEMENT;
        }
        for (Iterator<JsonNode> it = md.path("extensions").elements(); it.hasNext(); ) {
            JsonNode ext = it.next();
            if (ext.has("tlp_2_0")) {
                Optional<Tlp> t = Tlp.parse(ext.path("tlp_2_0").asText());
                return t.map(tlp -> new Meaning(tlp, null, null)).orElse(new Meaning(null, null, "TLP 2.0 marking " + id + " has an unknown level"));
            }
            if (Iep.isIep(ext)) {
                return new Meaning(null, Iep.of(ext), null);
            }
        }
        if (definitionType.equals("iep") || Iep.isIep(md.path("definition"))) {
            return new Meaning(null, Iep.of(md.path("definition")), null);
        }
        return new Meaning(null, null, "marking " + id + " is neither TLP, IEP nor a statement; ctiflow cannot honour it");
    }
}

package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Tlp;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
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
        Meaning meaning = invalid == null || Tlp.fromStandardMarkingId(id).isPresent() ? interpret(definition)
                : new Meaning(null, null, "marking " + id + " is not valid STIX (" + invalid + "), so its restrictions are unknown");
        // two bodies under one id (versions, or a forgery beside the real one): the stricter reading holds
        byId.merge(id, meaning, Markings::stricter);
    }

    private static Meaning stricter(Meaning a, Meaning b) {
        if (a.problem() != null || b.problem() != null) {
            return a.problem() != null ? a : b;
        }
        if (a.tlp() != null && b.tlp() != null) {
            return b.tlp().isMoreRestrictiveThan(a.tlp()) ? b : a;
        }
        if (a.tlp() != null || b.tlp() != null || a.iep() != null || b.iep() != null) {
            boolean same = Objects.equals(a.tlp(), b.tlp()) && Objects.equals(a.iep(), b.iep());
            return same ? a : new Meaning(null, null, "two definitions of one marking id say different things, so its restrictions are unclear");
        }
        return a;
    }

    Meaning meaning(String markingId) {
        Optional<Tlp> standard = Tlp.fromStandardMarkingId(markingId);
        if (standard.isPresent()) {
            // follow the bundle's redefinitions (CLEAR defined as GREEN, GREEN as RED) to the strictest level they reach
            Tlp level = standard.get();
            String id = markingId;
            for (int step = 0; step < Tlp.values().length; step++) {
                Meaning carried = byId.get(id);
                if (carried == null || carried.tlp() == null || !carried.tlp().isMoreRestrictiveThan(level)) {
                    break;
                }
                level = carried.tlp();
                id = level.markingId();
            }
            return level == standard.get() ? new Meaning(level, null, null) : new Meaning(level, null, null, level.label()
                    + ": the bundle redefined the standard " + standard.get().label() + " id as a stricter level, the most restrictive reading applies");
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

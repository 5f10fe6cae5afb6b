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
 * that is none of these, or that is referenced but absent, cannot be honoured: objects carrying it
 * are withheld.
 */
final class Markings {

    /** The TLP 1.0 marking-definition object with this id, as the STIX 2.1 specification publishes it. */
    static java.util.Optional<io.ctiflow.stix.StixObject> tlp1Definition(String id) {
        if (!Tlp.isTlp1MarkingId(id)) {
            return java.util.Optional.empty();
        }
        Tlp tlp = Tlp.fromStandardMarkingId(id).orElseThrow();
        String level = tlp == Tlp.CLEAR ? "white" : tlp.level();
        com.fasterxml.jackson.databind.node.ObjectNode md = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        md.put("type", "marking-definition");
        md.put("spec_version", "2.1");
        md.put("id", id);
        md.put("created", "2017-01-20T00:00:00.000Z");
        md.put("definition_type", "tlp");
        md.put("name", "TLP:" + level.toUpperCase(java.util.Locale.ROOT));
        md.putObject("definition").put("tlp", level);
        return java.util.Optional.of(io.ctiflow.stix.StixObject.of(md));
    }

    /** The meaning of one marking; exactly one of the fields is set, or none for a statement. */
    record Meaning(Tlp tlp, Iep iep, String problem) {
        static final Meaning STATEMENT = new Meaning(null, null, null);
    }

    private final Map<String, Meaning> byId = new HashMap<>();

    void add(JsonNode definition) {
        byId.put(definition.path("id").asText(), interpret(definition));
    }

    Meaning meaning(String markingId) {
        Optional<Tlp> standard = Tlp.fromStandardMarkingId(markingId);
        if (standard.isPresent()) {
            return new Meaning(standard.get(), null, null);
        }
        Meaning m = byId.get(markingId);
        return m != null ? m : new Meaning(null, null, "marking " + markingId + " is not in the bundle, so its restrictions are unknown");
    }

    private static Meaning interpret(JsonNode md) {
        String id = md.path("id").asText();
        String definitionType = md.path("definition_type").asText("");
        if (definitionType.equals("tlp")) {
            Optional<Tlp> t = Tlp.parse(md.path("definition").path("tlp").asText(null));
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

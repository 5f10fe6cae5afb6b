package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;

import java.util.Set;

/**
 * Reduces or strips ctiflow's provenance extension per destination: partners need not learn the
 * internal record ids, MISP event uuids and personal-data flags of the sender. Not a redaction of
 * intelligence, so it does not make an object count as redacted.
 */
final class ProvenanceRule {

    private static final Set<String> REDUCED = Set.of("extension_type", "source", "classification", "observable_kind");

    private ProvenanceRule() {
    }

    static boolean changes(ObjectFacts o, ProvenanceMode mode) {
        return mode != ProvenanceMode.KEEP && o.tree.path("extensions").has(CtiflowExtension.ID);
    }

    static void apply(ObjectNode tree, ProvenanceMode mode) {
        if (mode == ProvenanceMode.KEEP || !(tree.get("extensions") instanceof ObjectNode extensions)) {
            return;
        }
        JsonNode ext = extensions.get(CtiflowExtension.ID);
        if (ext == null) {
            return;
        }
        if (mode == ProvenanceMode.STRIP) {
            extensions.remove(CtiflowExtension.ID);
            if (extensions.isEmpty()) {
                tree.remove("extensions");
            }
        } else {
            ((ObjectNode) ext).retain(REDUCED);
        }
    }
}

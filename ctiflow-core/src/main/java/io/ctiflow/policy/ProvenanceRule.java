package io.ctiflow.policy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
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
        return mode != ProvenanceMode.KEEP && o.hasProvenance;
    }

    /**
     * The object as a destination with this mode receives it, serialised straight from the tree with the extension
     * reduced or left out: the tree is neither copied nor changed, so every mode renders from the same parse.
     */
    static StixObject render(ObjectNode tree, ProvenanceMode mode, String id, String type, String modified) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator g = Stix.mapper().getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("extensions") && field.getValue() instanceof ObjectNode extensions && mode != ProvenanceMode.KEEP) {
                    writeExtensions(g, extensions, mode);
                } else {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise STIX object " + id, e);
        }
        return StixObject.ofJson(id, type, modified, bytes.toByteArray());
    }

    private static void writeExtensions(JsonGenerator g, ObjectNode extensions, ProvenanceMode mode) throws IOException {
        boolean onlyProvenance = extensions.size() == 1 && extensions.has(CtiflowExtension.ID);
        if (mode == ProvenanceMode.STRIP && onlyProvenance) {
            return; // an empty extensions dictionary is not allowed: the property goes
        }
        g.writeObjectFieldStart("extensions");
        for (Iterator<Map.Entry<String, JsonNode>> it = extensions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> ext = it.next();
            if (!ext.getKey().equals(CtiflowExtension.ID)) {
                g.writeFieldName(ext.getKey());
                write(g, ext.getValue());
            } else if (mode == ProvenanceMode.REDUCE && ext.getValue() instanceof ObjectNode provenance) {
                g.writeObjectFieldStart(ext.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> p = provenance.fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = p.next();
                    if (REDUCED.contains(property.getKey())) {
                        g.writeFieldName(property.getKey());
                        write(g, property.getValue());
                    }
                }
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }

    /** Writes a parsed JSON value as it was read, without going through the mapper's serializer look-up for every node. */
    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                g.writeFieldName(field.getKey());
                write(g, field.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isNull()) {
            g.writeNull();
        } else {
            ((ValueNode) node).serialize(g, null); // numbers and booleans, as parsed (a big decimal stays exact)
        }
    }
}

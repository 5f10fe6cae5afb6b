package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.misp.ReverseObjects.ObjectAttribute;
import io.ctiflow.misp.ReverseObjects.ObjectValues;
import io.ctiflow.stix.StixIds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * MISP objects as MISP's API takes them in an event ({@code Event.Object}): name, meta-category, template uuid and
 * version, the attributes with their object_relation, and an {@code includes} reference from an object to each of
 * its parts (file to pe, pe to pe-section, as PyMISP links them). Uuids are UUIDv5 over the STIX object read and
 * the position of the part, so sending the same STIX again edits the same objects.
 */
final class MispObjectJson {

    private static final char SEP = '\u001f';
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MispObjectJson() {
    }

    /** The object and its parts (each after its parent); basis: what the uuids derive from (the STIX ids read). */
    static List<ObjectNode> write(ObjectValues values, String basis, boolean toIds, String comment, Collection<String> tags) {
        List<ObjectNode> out = new ArrayList<>();
        write(values, basis + SEP + "0", toIds, comment, tags, out);
        return out;
    }

    private static String write(ObjectValues values, String basis, boolean toIds, String comment, Collection<String> tags, List<ObjectNode> out) {
        String uuid = uuid5("misp-sink-object" + SEP + basis);
        ObjectNode o = F.objectNode();
        out.add(o);
        o.put("uuid", uuid);
        o.put("name", values.definition().name());
        o.put("meta-category", values.definition().metaCategory());
        o.put("template_uuid", values.definition().uuid());
        o.put("template_version", Integer.toString(values.definition().version()));
        o.put("distribution", "5"); // inherit the event's
        o.put("comment", comment);
        ArrayNode attributes = o.putArray("Attribute");
        for (ObjectAttribute a : values.attributes()) {
            ObjectNode n = attributes.addObject();
            n.put("uuid", uuid5("misp-sink-object" + SEP + uuid + SEP + a.relation() + SEP + a.value()));
            n.put("object_relation", a.relation());
            n.put("type", a.type());
            n.put("value", a.value());
            n.put("to_ids", toIds);
            n.put("distribution", "5");
            ArrayNode tagList = n.putArray("Tag");
            tags.forEach(t -> tagList.addObject().put("name", t));
        }
        ArrayNode references = o.putArray("ObjectReference");
        for (int i = 0; i < values.parts().size(); i++) {
            String part = write(values.parts().get(i), basis + "." + i, toIds, comment, tags, out);
            ObjectNode ref = references.addObject();
            ref.put("uuid", uuid5("misp-sink-reference" + SEP + uuid + SEP + part));
            ref.put("object_uuid", uuid);
            ref.put("referenced_uuid", part);
            ref.put("relationship_type", "includes");
        }
        return uuid;
    }

    private static String uuid5(String name) {
        return StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, name).toString();
    }
}

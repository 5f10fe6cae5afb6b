package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
/** Small hand-written STIX 2.1 objects for policy tests: valid against the official schemas. */
final class Stx {

    static final String TIME = "2024-01-02T03:04:05.000Z";
    static final String TLP1_WHITE = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";
    static final String TLP1_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
    static final String TLP1_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    static final String TLP1_RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Stx() {
    }

    static ObjectNode sdo(String type) {
        ObjectNode o = F.objectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", type + "--" + UUID.randomUUID());
        o.put("created", TIME);
        o.put("modified", TIME);
        return o;
    }

    static ObjectNode indicator(String pattern) {
        ObjectNode o = sdo("indicator");
        o.put("name", "test indicator");
        o.put("pattern", pattern);
        o.put("pattern_type", "stix");
        o.put("valid_from", TIME);
        return o;
    }

    static ObjectNode identity(String name, String identityClass) {
        ObjectNode o = sdo("identity");
        o.put("name", name);
        o.put("identity_class", identityClass);
        return o;
    }

    static ObjectNode threatActor(String name) {
        ObjectNode o = sdo("threat-actor");
        o.put("name", name);
        return o;
    }

    static ObjectNode malware(String name) {
        ObjectNode o = sdo("malware");
        o.put("name", name);
        o.put("is_family", true);
        return o;
    }

    static ObjectNode relationship(String type, ObjectNode from, ObjectNode to) {
        ObjectNode o = sdo("relationship");
        o.put("relationship_type", type);
        o.put("source_ref", from.path("id").asText());
        o.put("target_ref", to.path("id").asText());
        return o;
    }

    static ObjectNode sighting(ObjectNode of) {
        ObjectNode o = sdo("sighting");
        o.put("sighting_of_ref", of.path("id").asText());
        return o;
    }

    static ObjectNode report(String name, ObjectNode... refs) {
        ObjectNode o = sdo("report");
        o.put("name", name);
        o.put("published", TIME);
        ArrayNode a = o.putArray("object_refs");
        for (ObjectNode r : refs) {
            a.add(r.path("id").asText());
        }
        return o;
    }

    static ObjectNode sco(String type, String property, String value) {
        ObjectNode o = F.objectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put(property, value);
        o.put("id", StixIds.observableId(o));
        return o;
    }

    static ObjectNode ipv4(String value) {
        return sco("ipv4-addr", "value", value);
    }

    static ObjectNode email(String value) {
        return sco("email-addr", "value", value);
    }

    static ObjectNode account(String userId) {
        return sco("user-account", "user_id", userId);
    }

    /** Adds ctiflow provenance: the source and, when not null, the origin country. */
    static ObjectNode prov(ObjectNode o, String source, String origin) {
        ObjectNode ext = ext(o);
        ext.put("source", source);
        if (origin != null) {
            ext.put("origin_jurisdiction", origin);
        }
        return o;
    }

    /** The ctiflow provenance extension of an object, created when absent (source must then be set). */
    static ObjectNode ext(ObjectNode o) {
        ObjectNode exts = o.has("extensions") ? (ObjectNode) o.get("extensions") : o.putObject("extensions");
        ObjectNode ext = exts.has(CtiflowExtension.ID) ? (ObjectNode) exts.get(CtiflowExtension.ID) : exts.putObject(CtiflowExtension.ID);
        ext.put("extension_type", "property-extension");
        return ext;
    }

    static ObjectNode marked(ObjectNode o, String... markingIds) {
        ArrayNode a = o.has("object_marking_refs") ? (ArrayNode) o.get("object_marking_refs") : o.putArray("object_marking_refs");
        for (String m : markingIds) {
            a.add(m);
        }
        return o;
    }

    static String id(ObjectNode o) {
        return o.path("id").asText();
    }

    static List<StixObject> objects(ObjectNode... nodes) {
        List<StixObject> list = new ArrayList<>();
        for (ObjectNode n : nodes) {
            list.add(StixObject.of(n));
        }
        return list;
    }

    static FilterResult filter(Policy policy, String destination, ObjectNode... nodes) {
        return new JurisdictionFilter(policy, DecisionListener.NONE).filter(objects(nodes), InputContext.NONE, destination);
    }

    /** The destination's copy of an object, or null when it did not receive it. */
    static ObjectNode out(FilterResult r, String id) {
        return r.objects().stream().filter(o -> o.id().equals(id)).findFirst().map(StixObject::tree).orElse(null);
    }

    static ObjectNode out(FilterResult r, ObjectNode o) {
        return out(r, id(o));
    }

    static Decision decision(FilterResult r, ObjectNode o) {
        return r.decisions().stream().filter(d -> d.objectId().equals(id(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + id(o) + " in " + r.decisions()));
    }

    static String json(FilterResult r) {
        return PolicyTestSupport.serialised(r.objects());
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Stix.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

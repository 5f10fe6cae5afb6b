package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.misp.MispRules.ObjectTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * MISP objects, dispatched through mappings/misp/object-templates.yaml: all mapped attributes of an
 * object form one observation (one indicator pattern ANDing them when any attribute has to_ids).
 * A malformed attribute is rejected alone; the rest of the object converts.
 */
final class ObjectConverter {

    private final Map<String, ObjectTemplate> templates;
    private final ToIds toIdsOf;
    private final ObservationWriter writer;

    ObjectConverter(Map<String, ObjectTemplate> templates, ToIds toIdsOf, ObservationWriter writer) {
        this.templates = templates;
        this.toIdsOf = toIdsOf;
        this.writer = writer;
    }

    void convert(EventContext ctx, JsonNode o) {
        ctx.mispObjects++;
        JsonNode attributes = o.path("Attribute");
        ctx.attributes += attributes.size();
        if (EventContext.flag(o.path("deleted"))) {
            return;
        }
        String name = o.path("name").asText("");
        String uuid = o.path("uuid").asText(null);
        String what = "object " + (uuid == null ? "(no uuid)" : uuid) + " (" + name + ")";
        ObjectTemplate template = templates.get(name);
        if (template == null) {
            ctx.unknownTypes++;
            ctx.reject(what, "object template '" + name + "' is not in mappings/misp/object-templates.yaml", o);
            return;
        }
        if (template.skip() != null) {
            return;
        }
        EventContext.Sharing sharing = ctx.sharing(o, MispTags.NONE);
        List<ObservableBuilder.Value> values = new ArrayList<>();
        Set<String> personal = new LinkedHashSet<>(template.personalData());
        Map<String, String> extra = new TreeMap<>();
        List<JsonNode> sighted = new ArrayList<>();
        boolean toIds = false;
        for (JsonNode a : attributes) {
            if (EventContext.flag(a.path("deleted"))) {
                continue;
            }
            String relation = a.path("object_relation").asText("");
            Field field = template.relations().get(relation);
            if (field == null) {
                if (!template.ignore().containsKey(relation)) {
                    extra.merge("misp_" + relation.replace('-', '_'), a.path("value").asText(""), (x, y) -> x + ", " + y);
                }
                continue;
            }
            boolean attributeToIds;
            try {
                String value = field.kind.normalize(a.path("value").asText(""));
                attributeToIds = toIdsOf.of(a);
                values.add(new ObservableBuilder.Value(field, value));
            } catch (RecordRejected e) {
                ctx.reject(EventContext.attributeName(a) + " of " + what, e.getMessage(), a);
                continue;
            }
            if (field.personalData != null) {
                personal.add(field.personalData);
            }
            toIds |= attributeToIds;
            sharing = EventContext.stricter(sharing, ctx.sharing(a, MispTags.of(a.path("Tag"))));
            if (a.path("Sighting").isArray() && !a.path("Sighting").isEmpty()) {
                sighted.add(a);
            }
        }
        if (values.isEmpty()) {
            ctx.reject(what, "none of its attributes maps to STIX (mapped relations: " + new TreeMap<>(template.relations()).keySet() + ")", o);
            return;
        }
        String id;
        if (template.sdo() != null) {
            id = identity(ctx, o, uuid, values, sharing, personal, extra);
        } else {
            String label = values.get(0).value();
            ObservationWriter.Origin origin = new ObservationWriter.Origin(uuid, name + EventContext.SEP + label, o, sharing, uuid,
                    personal, extra, name + ": " + label, o.path("comment").asText(null));
            id = writer.write(ctx, origin, template.sco(), template.constants(), values, toIds);
        }
        for (JsonNode a : sighted) {
            writer.sightings(ctx, a, id, sharing);
        }
        for (JsonNode a : attributes) {
            writer.galaxies(ctx, a, id, toIds && id.startsWith("indicator--"), sharing);
        }
    }

    private static String identity(EventContext ctx, JsonNode o, String uuid, List<ObservableBuilder.Value> values,
                                   EventContext.Sharing sharing, Set<String> personal, Map<String, String> extra) {
        StringBuilder name = new StringBuilder();
        StringBuilder contact = new StringBuilder();
        for (ObservableBuilder.Value v : values) {
            StringBuilder target = v.field().path.equals("name") ? name : contact;
            target.append(target.isEmpty() ? "" : v.field().path.equals("name") ? " " : "; ").append(v.value());
        }
        Instant t = EventContext.time(o.get("timestamp"), ctx.eventTime);
        String id = ctx.id("identity", "identity", uuid, o.path("name").asText() + EventContext.SEP + name + contact);
        ObjectNode n = ctx.sdo("identity", id, t, t, sharing, uuid, uuid, personal, extra);
        n.put("name", name.isEmpty() ? "unnamed " + o.path("name").asText() + (uuid == null ? "" : " " + uuid) : name.toString());
        n.put("identity_class", "individual");
        if (!contact.isEmpty()) {
            n.put("contact_information", contact.toString());
        }
        ctx.add(n);
        return id;
    }
}

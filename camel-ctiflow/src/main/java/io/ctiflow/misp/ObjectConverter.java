package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.misp.MispRules.ObjectTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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

    /** What an object (and the objects folded into it) contributes to one observation. */
    private static final class Collected {
        final List<ObservableBuilder.Value> values = new ArrayList<>();
        final Set<String> personal = new LinkedHashSet<>();
        final Map<String, String> extra = new TreeMap<>();
        final List<JsonNode> sighted = new ArrayList<>();
        final List<JsonNode> attributes = new ArrayList<>();
        /** What a requires rule found missing (its values went to the extra), for the reject reason. */
        final List<String> incomplete = new ArrayList<>();
        boolean toIds;
        EventContext.Sharing sharing;

        /** A value that cannot go into the observable is kept in the provenance extra as misp_<relation>. */
        void toExtra(ObservableBuilder.Value v) {
            extra.merge("misp_" + v.field().name.replace('-', '_'), v.value(), (x, y) -> x + ", " + y);
        }
    }

    void convert(EventContext ctx, JsonNode o) {
        convert(ctx, o, ObjectFolding.NONE);
    }

    void convert(EventContext ctx, JsonNode o, ObjectFolding folding) {
        ctx.mispObjects++;
        JsonNode attributes = o.path("Attribute");
        ctx.attributes += attributes.size();
        if (EventContext.flag(o.path("deleted")) || folding.isFolded(o)) {
            return; // a folded object is converted with the object it folds into
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
        if (template.foldInto() != null && !template.standalone()) {
            ctx.reject(what, "a " + name + " object folds into a " + template.foldInto() + " object, and no " + template.foldInto()
                    + " object of the event references it (or is referenced by it)", o);
            return;
        }
        Collected c = new Collected();
        c.sharing = ctx.sharing(o, MispTags.NONE);
        collect(ctx, o, template, 0, what, c);
        int group = 0;
        ObjectNode constants = template.constants();
        for (JsonNode child : folding.descendants(o)) {
            if (EventContext.flag(child.path("deleted"))) {
                continue;
            }
            ObjectTemplate t = templates.get(child.path("name").asText(""));
            collect(ctx, child, t, ++group, "object " + child.path("uuid").asText("(no uuid)") + " (" + t.name() + ") of " + what, c);
            if (!t.constants().isEmpty()) {
                constants = constants.deepCopy();
                ObjectNode merged = constants;
                t.constants().fields().forEachRemaining(k -> merged.putIfAbsent(k.getKey(), k.getValue()));
            }
        }
        unshadowed(c);
        incomplete(template, c);
        if (!c.values.isEmpty()) {
            c.values.addAll(0, template.patternConstants());
        }
        List<ObservableBuilder.Value> values = c.values;
        Set<String> personal = c.personal;
        Map<String, String> extra = c.extra;
        List<JsonNode> sighted = c.sighted;
        boolean toIds = c.toIds;
        EventContext.Sharing sharing = c.sharing;
        if (values.isEmpty()) {
            ctx.reject(what, !c.incomplete.isEmpty() ? String.join("; ", c.incomplete) + " (its values are kept in the provenance extra only)"
                    : "none of its attributes maps to STIX (mapped relations: " + new TreeMap<>(template.relations()).keySet() + ")", o);
            return;
        }
        String id;
        if ("identity".equals(template.sdo())) {
            id = identity(ctx, o, uuid, values, sharing, personal, extra, template.constants().path("identity_class").asText("individual"));
        } else if (template.sdo() != null) {
            try {
                id = SdoObjects.write(ctx, o, uuid, template, values, sharing, personal, extra);
            } catch (RecordRejected e) {
                ctx.reject(what, e.getMessage(), o);
                return;
            }
        } else {
            String label = values.get(0).value();
            ObservationWriter.Origin origin = new ObservationWriter.Origin(uuid, name + EventContext.SEP + label, o, sharing, uuid,
                    personal, extra, name + ": " + label, o.path("comment").asText(null), true);
            id = writer.write(ctx, origin, template.sco(), constants, values, toIds);
        }
        for (JsonNode a : sighted) {
            writer.sightings(ctx, a, id, sharing);
        }
        writer.analystData(ctx, o, id, sharing);
        for (JsonNode a : c.attributes) {
            writer.galaxies(ctx, a, id, toIds && id.startsWith("indicator--"), sharing);
            writer.analystData(ctx, a, id, sharing);
        }
    }

    /**
     * A folded object never overrides a single-valued property of the object it folds into (a pe's original file
     * name against the file's name): in a pattern the two comparisons would AND into one that never matches.
     */
    private static void unshadowed(Collected c) {
        if (c.values.stream().allMatch(v -> v.group() == 0)) {
            return; // nothing folded into this object
        }
        Set<String> own = new HashSet<>();
        c.values.stream().filter(v -> v.group() == 0).forEach(v -> own.add(v.field().path));
        List<ObservableBuilder.Value> shadowed = c.values.stream()
                .filter(v -> v.group() > 0 && !v.field().path.contains("[*]") && own.contains(v.field().path)).toList();
        c.values.removeAll(shadowed);
        shadowed.forEach(c::toExtra);
    }

    /**
     * A part of the observable STIX requires whole (http-request-ext needs request_method and request_value):
     * when the object lacks one of them, the values under it are kept in the provenance extra instead of
     * making the observable invalid.
     */
    private static void incomplete(ObjectTemplate template, Collected c) {
        template.requires().forEach((prefix, required) -> {
            List<ObservableBuilder.Value> under = c.values.stream().filter(v -> v.field().path.startsWith(prefix)).toList();
            if (under.isEmpty()) {
                return;
            }
            Set<String> present = new HashSet<>();
            under.forEach(v -> present.add(v.field().path.substring(prefix.length()).replaceFirst("^\\.", "")));
            if (!present.containsAll(required)) {
                c.incomplete.add((prefix.isEmpty() ? "a " + template.sco() : prefix) + " needs " + String.join(", ", required));
                c.values.removeAll(under);
                under.forEach(c::toExtra);
            }
        });
    }

    /** The mapped values of one object's attributes (group: which folded object they come from, 0 for the object itself). */
    private void collect(EventContext ctx, JsonNode o, ObjectTemplate template, int group, String what, Collected c) {
        c.personal.addAll(template.personalData());
        for (JsonNode a : o.path("Attribute")) {
            if (EventContext.flag(a.path("deleted"))) {
                continue;
            }
            c.attributes.add(a);
            String relation = a.path("object_relation").asText("");
            Field field = template.relations().get(relation);
            MispRules.Binary binary = ctx.options.binaries() ? template.binaries().get(relation) : null;
            if (binary != null && !a.path("data").asText("").isBlank()) {
                // the source forwards binaries: this attribute's data as an artifact, beside the object's other values
                try {
                    c.values.addAll(binary.values(a.path("data").asText()));
                } catch (RecordRejected e) {
                    ctx.reject(EventContext.attributeName(a) + " of " + what, e.getMessage(), a);
                }
            }
            if (field == null) {
                if (!template.ignore().containsKey(relation)) {
                    String key = "misp_" + (group == 0 ? "" : template.name().replace('-', '_') + "_") + relation.replace('-', '_');
                    c.extra.merge(key, a.path("value").asText(""), (x, y) -> x + ", " + y);
                }
                continue;
            }
            boolean attributeToIds;
            try {
                String value = field.normalize(a.path("value").asText(""));
                attributeToIds = toIdsOf.of(a);
                c.values.add(new ObservableBuilder.Value(field, value, group));
            } catch (RecordRejected e) {
                ctx.reject(EventContext.attributeName(a) + " of " + what, e.getMessage(), a);
                continue;
            }
            if (field.personalData != null) {
                c.personal.add(field.personalData);
            }
            c.toIds |= attributeToIds;
            c.sharing = EventContext.stricter(c.sharing, ctx.sharing(a, MispTags.of(a.path("Tag"))));
            if (a.path("Sighting").isArray() && !a.path("Sighting").isEmpty()) {
                c.sighted.add(a);
            }
        }
    }

    private static String identity(EventContext ctx, JsonNode o, String uuid, List<ObservableBuilder.Value> values,
                                   EventContext.Sharing sharing, Set<String> personal, Map<String, String> extra, String identityClass) {
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
        n.put("identity_class", identityClass);
        if (!contact.isEmpty()) {
            n.put("contact_information", contact.toString());
        }
        ctx.add(n);
        return id;
    }
}

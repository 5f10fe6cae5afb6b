package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.IocKind;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.misp.MispRules.AttributeRule;
import io.ctiflow.stix.ReferenceUrls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
/** Top-level MISP attributes, dispatched through mappings/misp/attribute-types.yaml. */
final class AttributeConverter {

    private final Map<String, AttributeRule> rules;
    private final boolean unknownAsNote;
    private final ToIds toIds;
    private final ObservationWriter writer;

    AttributeConverter(Map<String, AttributeRule> rules, boolean unknownAsNote, ToIds toIds, ObservationWriter writer) {
        this.rules = rules;
        this.unknownAsNote = unknownAsNote;
        this.toIds = toIds;
        this.writer = writer;
    }

    void convert(EventContext ctx, JsonNode a) {
        ctx.attributes++;
        if (EventContext.flag(a.path("deleted"))) {
            return;
        }
        String type = a.path("type").asText("");
        AttributeRule rule = rules.get(type);
        if (rule == null) {
            unknown(ctx, a, type);
            return;
        }
        if (rule.skip() != null) {
            return;
        }
        EventContext.Sharing sharing = ctx.sharing(a, MispTags.of(a.path("Tag")));
        String value = a.path("value").asText("");
        try {
            if (rule.sco() != null) {
                observable(ctx, a, rule, value, sharing);
            } else {
                sdo(ctx, a, rule, value.trim(), sharing);
            }
        } catch (RecordRejected e) {
            ctx.reject(EventContext.attributeName(a), e.getMessage(), a);
        }
    }

    private void observable(EventContext ctx, JsonNode a, AttributeRule rule, String value, EventContext.Sharing sharing) throws RecordRejected {
        List<Field> fields = rule.fields();
        String[] parts = fields.size() == 1 ? new String[] {value} : value.split("\\|", -1);
        if (parts.length != fields.size()) {
            throw new RecordRejected("expected " + fields.size() + " '|'-separated parts in '" + ValueKind.abbreviate(value) + "'");
        }
        List<ObservableBuilder.Value> values = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            values.add(new ObservableBuilder.Value(fields.get(i), fields.get(i).normalize(parts[i])));
        }
        values.addAll(0, rule.patternConstants());
        if (rule.binary() != null && ctx.options.binaries() && !a.path("data").asText("").isBlank()) {
            // the source forwards binaries: the data as an artifact (payload_bin and the constants beside it)
            values.addAll(rule.binary().values(a.path("data").asText()));
        }
        boolean toIds = this.toIds.of(a);
        if (rule.patternOnly() && !toIds) {
            return; // no standalone observable exists for this type (see attribute-types.yaml)
        }
        if (rule.reportReference()) {
            reportReference(ctx, value.trim(), a.path("comment").asText("").trim());
        }
        String uuid = a.path("uuid").asText(null);
        ObservationWriter.Origin origin = new ObservationWriter.Origin(uuid, rule.type() + EventContext.SEP + value, a, sharing, null,
                rule.personalData(), null, value, a.path("comment").asText(null), !rule.patternOnly());
        String id = writer.write(ctx, origin, rule.sco(), rule.constants(), values, toIds);
        writer.sightings(ctx, a, id, sharing);
        writer.galaxies(ctx, a, id, toIds, sharing);
        writer.analystData(ctx, a, id, sharing);
    }

    private void sdo(EventContext ctx, JsonNode a, AttributeRule rule, String value, EventContext.Sharing sharing) throws RecordRejected {
        if (value.isEmpty()) {
            throw new RecordRejected("empty value");
        }
        String uuid = a.path("uuid").asText(null);
        String fallback = rule.type() + EventContext.SEP + value;
        Instant t = EventContext.time(a.get("timestamp"), ctx.eventTime);
        String comment = a.path("comment").asText("").trim();
        if (rule.sdo().equals("external-reference")) {
            IocKind.URL.normalize(value);
            if (ReferenceUrls.shareable(value) == null) {
                throw new RecordRejected("link is not an http(s) URL: only those become external references");
            }
            reportReference(ctx, value, comment);
            return;
        }
        String stixType = rule.sdo();
        String id = ctx.id(stixType, stixType, uuid, fallback);
        ObjectNode n = ctx.sdo(stixType, id, t, t, sharing, uuid, null, rule.personalData(), null);
        switch (stixType) {
            case "vulnerability" -> {
                n.put("name", value.toUpperCase(Locale.ROOT));
                ObjectNode cve = SdoObjects.cveReference(value);
                if (cve != null) {
                    n.putArray("external_references").add(cve);
                }
            }
            case "campaign" -> n.put("name", value);
            case "identity" -> {
                n.put("identity_class", "individual");
                if ("name".equals(rule.property())) {
                    n.put("name", value);
                } else {
                    n.put("name", "unnamed (MISP " + rule.type() + (uuid == null ? "" : " " + uuid) + ")");
                    n.put("contact_information", value);
                }
            }
            case "note" -> {
                n.put("content", value);
                if (!comment.isEmpty()) {
                    n.put("abstract", comment);
                }
                n.putArray("object_refs").add(ctx.reportId);
            }
            case "indicator" -> {
                n.put("name", comment.isEmpty() ? rule.type() + " rule" : comment);
                n.putArray("indicator_types").add("malicious-activity");
                n.put("pattern", value);
                n.put("pattern_type", rule.patternType());
                n.put("valid_from", n.get("created").asText());
                ctx.indicators.put(id, sharing);
            }
            default -> throw new IllegalStateException("unhandled sdo " + stixType);
        }
        if (!comment.isEmpty() && !n.has("description") && !stixType.equals("note") && !stixType.equals("indicator")) {
            n.put("description", comment);
        }
        ctx.add(n);
        writer.galaxies(ctx, a, id, stixType.equals("indicator"), sharing);
        writer.analystData(ctx, a, id, sharing);
    }

    /** An http(s) link as an external reference of the event's report; other schemes are no shareable reference. */
    private static void reportReference(EventContext ctx, String url, String comment) {
        if (ReferenceUrls.shareable(url) == null) {
            return;
        }
        ObjectNode ref = ctx.reportReferences.addObject();
        ref.put("source_name", "misp-link");
        ref.put("url", url);
        if (!comment.isEmpty()) {
            ref.put("description", comment);
        }
    }

    private void unknown(EventContext ctx, JsonNode a, String type) {
        ctx.unknownTypes++;
        String reason = "attribute type '" + type + "' is not in mappings/misp/attribute-types.yaml";
        if (!unknownAsNote) {
            ctx.reject(EventContext.attributeName(a), reason, a);
            return;
        }
        String uuid = a.path("uuid").asText(null);
        Instant t = EventContext.time(a.get("timestamp"), ctx.eventTime);
        EventContext.Sharing sharing = ctx.sharing(a, MispTags.of(a.path("Tag")));
        ObjectNode note = ctx.sdo("note", ctx.id("note", "unknown-type", uuid, type + EventContext.SEP + a.path("value").asText()),
                t, t, sharing, uuid, null, null, null);
        note.put("abstract", "MISP attribute of unmapped type " + type);
        note.put("content", a.path("value").asText(""));
        note.putArray("object_refs").add(ctx.reportId);
        ctx.add(note);
    }
}

package io.ctiflow.misp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.StixTime;
import io.ctiflow.stix.Tlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
/**
 * The state of one event's conversion: who made it, its sharing (distribution, sharing group, TLP,
 * PAP), the objects converted so far, rejects and counts; and the common properties every SDO/SRO of
 * the event carries (created_by_ref, timestamps, labels, markings, the ctiflow provenance extension).
 */
final class EventContext {

    static final String SOURCE = "misp";
    static final char SEP = '\u001f';
    /** Distribution levels from most to least restrictive (4, a sharing group, sits below 1, the community). */
    private static final List<Integer> RESTRICTIVENESS = List.of(0, 4, 1, 2, 3);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Sharing of one converted object: effective MISP distribution (-1 when the export does not carry it), sharing group, TLP/PAP and labels. */
    record Sharing(int distribution, String sharingGroup, MispTags tags) {
    }

    /** A MISP analyst relationship of the element converted to sourceId. */
    record Pending(JsonNode item, String sourceId, Sharing sharing) {
    }

    final String eventUuid;
    final String orgIdentityId;
    final Instant eventTime;
    final int distribution;
    final String sharingGroup;
    final MispTags tags;
    final List<StixObject> objects = new ArrayList<>();
    final List<String> refs = new ArrayList<>();
    /** Indicators converted so far, with their sharing (relationships to them must not be shared more widely). */
    final Map<String, Sharing> indicators = new LinkedHashMap<>();
    final List<Reject> rejects = new ArrayList<>();
    final ArrayNode reportReferences = F.arrayNode();
    final Set<Tlp> markings = EnumSet.noneOf(Tlp.class);
    final String reportId;
    final MispToStix.Options options;
    /** MISP uuid (as exported) of each converted event, attribute, object and event report -> its STIX id. */
    final Map<String, String> converted = new HashMap<>();
    /** Analyst relationships waiting for the end of the event, when every target has its STIX id. */
    final List<Pending> pendingRelationships = new ArrayList<>();
    private final Set<String> emitted = new HashSet<>();
    private Instant lastInstant;
    private String lastText;
    int attributes;
    int mispObjects;
    int unknownTypes;

    EventContext(String eventUuid, String orgIdentityId, Instant eventTime, int distribution, String sharingGroup,
                 MispTags tags, String reportId, MispToStix.Options options) {
        this.options = options;
        this.eventUuid = eventUuid;
        this.orgIdentityId = orgIdentityId;
        this.eventTime = eventTime;
        this.distribution = distribution;
        this.sharingGroup = sharingGroup;
        this.tags = tags;
        this.reportId = reportId;
    }

    /** Deterministic id of an object converted from a MISP element with a uuid (attribute, object, sighting). */
    String id(String stixType, String role, String mispUuid, String fallback) {
        String basis = mispUuid != null && !mispUuid.isBlank()
                ? SOURCE + SEP + role + SEP + mispUuid.trim().toLowerCase(Locale.ROOT)
                : SOURCE + SEP + role + SEP + eventUuid + SEP + fallback;
        return stixType + "--" + StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, basis);
    }

    /** The sharing of an element: own distribution (5 = inherit the event's) bounded by the event's, own tags over the event's. */
    Sharing sharing(JsonNode element, MispTags own) {
        int d = distribution(element.path("distribution"), 5);
        String group = groupOf(element);
        int effective;
        String effectiveGroup = null;
        if (d == 5 || d < 0) {
            effective = distribution;
            effectiveGroup = sharingGroup;
        } else if (distribution >= 0 && RESTRICTIVENESS.indexOf(distribution) < RESTRICTIVENESS.indexOf(d)) {
            effective = distribution;
            effectiveGroup = sharingGroup;
        } else {
            effective = d;
            effectiveGroup = group;
        }
        return new Sharing(effective, effective == 4 ? effectiveGroup : null, own.inherit(tags));
    }

    /** The event's own sharing: that of its report or grouping. */
    Sharing eventSharing() {
        return new Sharing(distribution, distribution == 4 ? sharingGroup : null, tags);
    }

    /** The more restrictive of two sharings (objects: their own and their attributes'); an unknown level (-1) counts as most restrictive. */
    static Sharing stricter(Sharing a, Sharing b) {
        Sharing d = RESTRICTIVENESS.indexOf(a.distribution()) <= RESTRICTIVENESS.indexOf(b.distribution()) ? a : b;
        return new Sharing(d.distribution(), d.sharingGroup(), a.tags().combine(b.tags()));
    }

    static int distribution(JsonNode node, int fallback) {
        String text = node.asText("").trim();
        return text.length() == 1 && text.charAt(0) >= '0' && text.charAt(0) <= '5' ? text.charAt(0) - '0' : fallback;
    }

    static String groupOf(JsonNode element) {
        JsonNode sg = element.path("SharingGroup");
        if (sg.hasNonNull("uuid") && !sg.path("uuid").asText().isBlank()) {
            return sg.path("uuid").asText();
        }
        String id = element.path("sharing_group_id").asText("");
        return id.isEmpty() || id.equals("0") ? null : "id:" + id;
    }

    /** type, spec_version, id, created_by_ref, created, modified, labels, object_marking_refs and provenance. */
    ObjectNode sdo(String type, String id, Instant created, Instant modified, Sharing sharing, String sourceRecord,
                   String mispObject, Collection<String> personalData, Map<String, String> extra) {
        ObjectNode n = F.objectNode();
        n.put("type", type);
        n.put("spec_version", "2.1");
        n.put("id", id);
        n.put("created_by_ref", orgIdentityId);
        n.put("created", format(created));
        n.put("modified", format(modified.isBefore(created) ? created : modified));
        if (!sharing.tags().labels().isEmpty()) {
            ArrayNode labels = n.putArray("labels");
            sharing.tags().labels().forEach(labels::add);
        }
        if (sharing.tags().tlp() != null) {
            markings.add(sharing.tags().tlp());
            n.putArray("object_marking_refs").add(sharing.tags().tlp().markingId());
        }
        ObjectNode ext = n.putObject("extensions").putObject(CtiflowExtension.ID);
        ext.put("extension_type", "property-extension");
        ext.put("source", SOURCE);
        if (sourceRecord != null && !sourceRecord.isBlank()) {
            ext.put("source_record", sourceRecord);
        }
        ext.put("misp_event", eventUuid);
        if (mispObject != null) {
            ext.put("misp_object", mispObject);
        }
        if (sharing.distribution() >= 0) {
            ext.put("misp_distribution", sharing.distribution()); // absent: the export did not say (feeds); the filter decides
        }
        if (sharing.sharingGroup() != null) {
            ext.put("misp_sharing_group", sharing.sharingGroup());
        }
        if (sharing.tags().pap() != null) {
            ext.put("pap", sharing.tags().pap());
        }
        if (personalData != null && !personalData.isEmpty()) {
            ArrayNode pd = ext.putArray("personal_data");
            personalData.stream().distinct().forEach(pd::add);
        }
        if (extra != null && !extra.isEmpty()) {
            ObjectNode x = ext.putObject("extra");
            extra.forEach(x::put);
        }
        return n;
    }

    /** Adds a converted object (listed in the report's object_refs) unless an object with its id is there already. */
    void add(ObjectNode object) {
        String id = object.path("id").asText();
        if (emitted.add(id)) {
            objects.add(serialise(id, object));
            refs.add(id);
        }
    }

    /** Like {@link StixObject#of} but through one reused per-thread buffer and generator setup (the hot path). */
    private static StixObject serialise(String id, ObjectNode object) {
        ByteArrayBuilder buffer = BUFFER.get();
        buffer.reset();
        try (JsonGenerator g = Stix.mapper().getFactory().createGenerator(buffer)) {
            Stix.mapper().writeTree(g, object);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + id, e);
        }
        JsonNode modified = object.get("modified");
        return StixObject.ofJson(id, object.path("type").asText(), modified == null ? null : modified.asText(), buffer.toByteArray());
    }

    private static final ThreadLocal<ByteArrayBuilder> BUFFER = ThreadLocal.withInitial(() -> new ByteArrayBuilder(4096));

    void reject(String what, String reason, JsonNode record) {
        String json;
        try {
            json = Stix.mapper().writeValueAsString(record);
        } catch (JsonProcessingException e) {
            json = String.valueOf(record);
        }
        rejects.add(new Reject(SOURCE, "event " + eventUuid, 0, what + ": " + reason, json));
    }

    static String attributeName(JsonNode attribute) {
        return "attribute " + attribute.path("uuid").asText("(no uuid)") + " (" + attribute.path("type").asText("?") + ")";
    }

    static Instant time(JsonNode node, Instant fallback) {
        Instant t = node == null || node.isNull() ? null : MispTime.parse(node.asText());
        return t != null ? t : fallback;
    }

    static boolean flag(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        String text = node.asText("");
        return text.equals("1") || text.equalsIgnoreCase("true");
    }

    /** STIX timestamp text; consecutive attributes mostly share timestamps, so the last one is remembered. */
    String format(Instant t) {
        if (!t.equals(lastInstant)) {
            lastInstant = t;
            lastText = StixTime.format(t);
        }
        return lastText;
    }
}

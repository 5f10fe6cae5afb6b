package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.StixTime;
import io.ctiflow.stix.Tlp;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
/**
 * MISP events to STIX 2.1, driven by mappings/misp/ (attribute types, object templates, galaxies).
 * An event becomes a report (published) or a grouping (unpublished) referencing everything converted
 * from it; its creator organisation an identity. Every id is deterministic: converting the same event
 * again gives the same bytes. Indicator, observed-data and SDO ids are UUIDv5 over the MISP attribute
 * or object uuid, not over the value: MISP keeps uuids stable across instances and edits, and an
 * attribute carries its own to_ids, tags, distribution and sightings, so the same value in two events
 * (with different TLP or distribution) must stay two objects the jurisdiction filter can judge apart.
 * Observables themselves get the spec's value-based ids and are shared. Thread-safe after construction.
 */
public final class MispToStix {

    private final AttributeConverter attributes;
    private final ObjectConverter objects;
    private final GalaxyConverter galaxies;
    private final AnalystData analystData = new AnalystData();
    private final Map<String, MispRules.ObjectTemplate> objectTemplates;
    private final StixObject ctiflowIdentity = StixObject.of(CtiflowExtension.identity());
    private final StixObject extensionDefinition = StixObject.of(CtiflowExtension.definition());

    public MispToStix(Path mispMappingsDir) {
        MispMappings mappings = new MispMappings(mispMappingsDir);
        this.galaxies = new GalaxyConverter(mappings.galaxies);
        ObservationWriter writer = new ObservationWriter(galaxies, analystData);
        ToIds toIds = new ToIds(mappings.toIdsDefaults);
        this.attributes = new AttributeConverter(mappings.attributeTypes, mappings.unknownAsNote, toIds, writer);
        this.objects = new ObjectConverter(mappings.objectTemplates, toIds, writer);
        this.objectTemplates = mappings.objectTemplates;
    }

    /** All events of a document: a single event, {"Event":...}, {"response":[{"Event":...},...]} or a JSON array of events. */
    public List<MispConversion> convertDocument(JsonNode doc) {
        List<MispConversion> out = new ArrayList<>();
        if (doc == null) {
            return out;
        }
        JsonNode list = doc.isArray() ? doc : doc.has("response") ? doc.get("response") : null;
        if (list == null) {
            out.add(convert(doc));
        } else if (list.isArray()) {
            list.forEach(e -> out.add(convert(e)));
        } else {
            out.add(convert(list));
        }
        return out;
    }

    /**
     * Per-source choices of the conversion. observedData: an indicator also gets its observed-data (with the
     * observables) and an indicator based-on observed-data relationship, as misp-stix writes every to_ids attribute.
     * binaries: attachments and malware samples carry their data as an artifact's payload_bin, as misp-stix writes them.
     */
    public record Options(boolean observedData, boolean binaries) {
        public static final Options DEFAULT = new Options(false, false);
        public static final Options OBSERVED_DATA = new Options(true, false);
        public static final Options BINARIES = new Options(false, true);
    }

    /** One MISP event as MISP exports it, with the default options. */
    public MispConversion convert(JsonNode event) {
        return convert(event, Options.DEFAULT);
    }

    /** One MISP event as MISP exports it: with or without the top-level {"Event": {...}} wrapper. Never throws for bad content inside the event. */
    public MispConversion convert(JsonNode event, Options options) {
        JsonNode e = event != null && event.has("Event") ? event.get("Event") : event;
        if (e == null || !e.isObject()) {
            EventContext ctx = new EventContext("(none)", CtiflowExtension.IDENTITY_ID, Instant.EPOCH, 0, null, MispTags.NONE, null, options);
            ctx.reject("event", "not a MISP event (expected a JSON object)", event == null ? NullNode.instance : event);
            return new MispConversion(null, List.of(), ctx.rejects, 0, 0, 0);
        }
        String uuid = e.path("uuid").asText("").trim();
        if (uuid.isEmpty()) {
            uuid = StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "misp-event" + EventContext.SEP + e.path("info").asText() + EventContext.SEP
                    + e.path("date").asText() + EventContext.SEP + e.path("timestamp").asText()).toString();
        }
        boolean published = EventContext.flag(e.path("published"));
        Instant timestamp = EventContext.time(e.get("timestamp"), EventContext.time(e.get("date"), Instant.EPOCH));
        ObjectNode org = orgIdentity(e.has("Orgc") ? e.get("Orgc") : e.path("Org"));
        String reportType = published ? "report" : "grouping";
        String reportId = reportType + "--" + StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, EventContext.SOURCE + EventContext.SEP + "event"
                + EventContext.SEP + uuid.toLowerCase(Locale.ROOT));
        EventContext ctx = new EventContext(uuid, org.get("id").asText(), timestamp, EventContext.distribution(e.path("distribution"), -1),
                EventContext.groupOf(e), MispTags.of(e.path("Tag")), reportId, options);
        ctx.add(org);
        for (JsonNode a : e.path("Attribute")) {
            guarded(ctx, a, () -> attributes.convert(ctx, a));
        }
        ObjectFolding folding = ObjectFolding.of(e.path("Object"), objectTemplates);
        for (JsonNode o : e.path("Object")) {
            guarded(ctx, o, () -> objects.convert(ctx, o, folding));
        }
        guarded(ctx, e.path("Galaxy"), () -> galaxies.relateEvent(ctx, galaxies.convert(ctx, e.path("Galaxy"))));
        guarded(ctx, e, () -> analystData.finish(ctx, e, ctx.eventSharing()));
        ctx.add(report(ctx, e, reportType, published, timestamp));

        List<StixObject> out = new ArrayList<>(ctx.objects.size() + 8);
        out.add(ctiflowIdentity);
        out.add(extensionDefinition);
        for (Tlp tlp : ctx.markings) {
            out.add(StixObject.of(tlp.markingDefinition()));
        }
        out.addAll(ctx.objects);
        return new MispConversion(uuid, List.copyOf(out), List.copyOf(ctx.rejects), ctx.attributes, ctx.mispObjects, ctx.unknownTypes);
    }

    private static void guarded(EventContext ctx, JsonNode element, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException ex) {
            ctx.reject(element.has("type") ? EventContext.attributeName(element) : "element " + element.path("uuid").asText("(no uuid)"),
                    "cannot convert: " + ex.getMessage(), element);
        }
    }

    private static ObjectNode report(EventContext ctx, JsonNode e, String type, boolean published, Instant timestamp) {
        Instant date = null;
        try {
            date = e.hasNonNull("date") ? LocalDate.parse(e.get("date").asText().trim()).atStartOfDay().toInstant(ZoneOffset.UTC) : null;
        } catch (DateTimeParseException ex) {
            ctx.reject("event " + ctx.eventUuid, "unreadable event date '" + e.get("date").asText() + "', using its timestamp", e.path("date"));
        }
        Instant created = date != null && date.isBefore(timestamp) ? date : timestamp;
        ObjectNode r = ctx.sdo(type, ctx.reportId, created, timestamp, ctx.eventSharing(), ctx.eventUuid, null, null, null);
        String info = e.path("info").asText("").trim();
        r.put("name", info.isEmpty() ? "MISP event " + ctx.eventUuid : info);
        if (published) {
            r.putArray("report_types").add("threat-report");
            Instant publishedAt = EventContext.time(e.get("publish_timestamp"), null);
            r.put("published", StixTime.format(publishedAt != null && publishedAt.getEpochSecond() > 0 ? publishedAt : timestamp));
        } else {
            r.put("context", "suspicious-activity");
        }
        ArrayNode refs = r.putArray("object_refs");
        ctx.refs.forEach(refs::add);
        ArrayNode external = r.putArray("external_references");
        ObjectNode self = external.addObject();
        self.put("source_name", "misp");
        self.put("external_id", ctx.eventUuid);
        external.addAll(ctx.reportReferences);
        return r;
    }

    /** The identity of a MISP organisation: id from its uuid (or its name), content from its name only. */
    static ObjectNode orgIdentity(JsonNode org) {
        String uuid = org.path("uuid").asText("").trim().toLowerCase(Locale.ROOT);
        String name = org.path("name").asText("").trim();
        String id = !uuid.isEmpty() ? "identity--" + StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "misp-org" + EventContext.SEP + uuid)
                : StixIds.namedObjectId("identity", "misp-org:" + (name.isEmpty() ? "unknown" : name));
        return CtiflowExtension.identity(id, name.isEmpty() ? "unknown MISP organisation" : name, "organization", CtiflowExtension.IDENTITY_ID);
    }
}

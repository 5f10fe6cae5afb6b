package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.RecordRejected;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MISP 2.5 analyst data and event reports, as misp-stix writes them: a {@code Note} on an event, attribute,
 * object or event report becomes a STIX note, an {@code Opinion} an opinion (MISP's 0-100 scale in misp-stix's
 * five steps), a {@code Relationship} a relationship SRO between the two converted elements; an
 * {@code EventReport} a note whose content is the report's markdown, referring to the attributes and objects
 * it mentions ({@code @[attribute](uuid)}). Each keeps the stricter sharing of its own distribution and its
 * target's. Relationships and reports are resolved at the end of the event, when every element has its STIX id.
 */
final class AnalystData {

    /** misp-stix's reading of an event report's references to attributes and objects. */
    private static final Pattern MENTION = Pattern.compile("@!?\\[(?:attribute|object)]\\(([0-9a-fA-F-]{36})\\)");
    /** STIX 2.1 relationship_type: lower-case ASCII letters, digits and hyphens. */
    private static final Pattern RELATIONSHIP_TYPE = Pattern.compile("^[a-z0-9-]+$");
    /** An RFC 5646 tag as STIX's lang wants it (en, de-CH); MISP also stores ISO 639-2 names like ENG. */
    private static final Pattern LANG = Pattern.compile("^[a-z]{2}(-[A-Za-z0-9]{1,8})*$");

    /**
     * Notes and opinions on one converted element now; its relationships once the event is converted.
     * Records the element's uuid as converted to targetId, for relationships and event reports that name it.
     */
    void attach(EventContext ctx, JsonNode element, String targetId, EventContext.Sharing sharing) {
        JsonNode uuid = element.get("uuid");
        if (uuid != null && uuid.isTextual()) {
            ctx.converted.putIfAbsent(uuid.asText(), targetId); // as MISP writes it (lower case); lookups try both
        }
        for (JsonNode n : element.path("Note")) {
            guarded(ctx, n, "note", () -> note(ctx, n, targetId, sharing));
        }
        for (JsonNode o : element.path("Opinion")) {
            guarded(ctx, o, "opinion", () -> opinion(ctx, o, targetId, sharing));
        }
        for (JsonNode r : element.path("Relationship")) {
            ctx.pendingRelationships.add(new EventContext.Pending(r, targetId, sharing));
        }
    }

    /** After every attribute and object: the event's own analyst data, its reports, then all relationships. */
    void finish(EventContext ctx, JsonNode event, EventContext.Sharing eventSharing) {
        attach(ctx, event, ctx.reportId, eventSharing);
        for (JsonNode report : event.path("EventReport")) {
            if (!EventContext.flag(report.path("deleted"))) {
                guarded(ctx, report, "event report", () -> eventReport(ctx, report, eventSharing));
            }
        }
        for (EventContext.Pending p : ctx.pendingRelationships) {
            guarded(ctx, p.item(), "relationship", () -> relationship(ctx, p.item(), p.sourceId(), p.sharing()));
        }
        ctx.pendingRelationships.clear();
    }

    private static void note(EventContext ctx, JsonNode n, String targetId, EventContext.Sharing target) throws RecordRejected {
        String content = n.path("note").asText("").trim();
        if (content.isEmpty()) {
            throw new RecordRejected("a note without text");
        }
        String lang = n.path("language").asText("").trim().toLowerCase(Locale.ROOT);
        boolean validLang = LANG.matcher(lang).matches();
        // a language that is no RFC 5646 tag (ENG) is kept in the provenance extra, not written as an invalid lang
        Map<String, String> extra = validLang || lang.isEmpty() ? null : Map.of("misp_language", n.path("language").asText().trim());
        ObjectNode note = common(ctx, "note", n, n.path("uuid").asText(null), targetId + EventContext.SEP + content, targetId, target, extra);
        note.put("content", content);
        if (validLang) {
            note.put("lang", lang);
        }
        ctx.add(note);
    }

    private static void opinion(EventContext ctx, JsonNode o, String targetId, EventContext.Sharing target) throws RecordRejected {
        String raw = o.path("opinion").asText("").trim();
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || value > 100) {
            throw new RecordRejected("opinion '" + ValueKind.abbreviate(raw) + "' is not a number from 0 to 100");
        }
        ObjectNode opinion = common(ctx, "opinion", o, o.path("uuid").asText(null), targetId + EventContext.SEP + value, targetId, target, null);
        opinion.put("opinion", level(value));
        String comment = o.path("comment").asText("").trim();
        if (!comment.isEmpty()) {
            opinion.put("explanation", comment);
        }
        ctx.add(opinion);
    }

    /** misp-stix's steps: above 80 strongly agree, above 60 agree, above 40 neutral, above 20 disagree. */
    static String level(int opinion) {
        return opinion > 80 ? "strongly-agree" : opinion > 60 ? "agree" : opinion > 40 ? "neutral" : opinion > 20 ? "disagree" : "strongly-disagree";
    }

    private static void relationship(EventContext ctx, JsonNode r, String sourceId, EventContext.Sharing source) throws RecordRejected {
        String type = r.path("relationship_type").asText("").trim().toLowerCase(Locale.ROOT).replace(' ', '-');
        if (!RELATIONSHIP_TYPE.matcher(type).matches()) {
            throw new RecordRejected("relationship type '" + ValueKind.abbreviate(type) + "' is not a STIX relationship type");
        }
        String related = r.path("related_object_uuid").asText("").trim();
        String targetId = converted(ctx, related);
        if (targetId == null) {
            throw new RecordRejected("the related " + r.path("related_object_type").asText("element") + " " + related
                    + " is not part of this event's STIX (absent, deleted or not converted)");
        }
        String uuid = r.path("uuid").asText(null);
        ObjectNode rel = ctx.sdo("relationship", ctx.id("relationship", "analyst-relationship", uuid, sourceId + EventContext.SEP + type + EventContext.SEP + targetId),
                created(ctx, r), modified(ctx, r), EventContext.stricter(source, ctx.sharing(r, MispTags.NONE)), uuid, null, null, null);
        rel.put("relationship_type", type);
        rel.put("source_ref", sourceId);
        rel.put("target_ref", targetId);
        ctx.add(rel);
    }

    private void eventReport(EventContext ctx, JsonNode report, EventContext.Sharing eventSharing) throws RecordRejected {
        String content = report.path("content").asText("").trim();
        if (content.isEmpty()) {
            throw new RecordRejected("an event report without content");
        }
        String uuid = report.path("uuid").asText(null);
        String name = report.path("name").asText("").trim();
        Instant t = EventContext.time(report.get("timestamp"), ctx.eventTime);
        EventContext.Sharing sharing = EventContext.stricter(eventSharing, ctx.sharing(report, MispTags.NONE));
        String id = ctx.id("note", "event-report", uuid, name + EventContext.SEP + content);
        ObjectNode note = ctx.sdo("note", id, t, t, sharing, uuid, null, null, null);
        if (!name.isEmpty()) {
            note.put("abstract", name);
        }
        note.put("content", content);
        Set<String> refs = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(content);
        while (m.find()) {
            String mentioned = converted(ctx, m.group(1));
            if (mentioned != null) {
                refs.add(mentioned);
            }
        }
        ArrayNode objectRefs = note.putArray("object_refs");
        (refs.isEmpty() ? List.of(ctx.reportId) : refs).forEach(objectRefs::add);
        ctx.add(note);
        attach(ctx, report, id, sharing);
    }

    /** created_by_ref, times, sharing (the stricter of its own and its target's), authors and the one target. */
    private static ObjectNode common(EventContext ctx, String type, JsonNode item, String uuid, String fallback, String targetId,
                                     EventContext.Sharing target, Map<String, String> extra) {
        ObjectNode n = ctx.sdo(type, ctx.id(type, "analyst-" + type, uuid, fallback), created(ctx, item), modified(ctx, item),
                EventContext.stricter(target, ctx.sharing(item, MispTags.NONE)), uuid, null, null, extra);
        String authors = item.path("authors").asText("").trim();
        if (!authors.isEmpty()) {
            n.putArray("authors").add(authors);
        }
        n.putArray("object_refs").add(targetId);
        return n;
    }

    /** The STIX id an element of the event was converted to, by its MISP uuid in either case. */
    private static String converted(EventContext ctx, String uuid) {
        String id = ctx.converted.get(uuid);
        return id != null ? id : ctx.converted.get(uuid.toLowerCase(Locale.ROOT));
    }

    private static Instant created(EventContext ctx, JsonNode item) {
        return EventContext.time(item.get("created"), EventContext.time(item.get("timestamp"), ctx.eventTime));
    }

    private static Instant modified(EventContext ctx, JsonNode item) {
        return EventContext.time(item.get("modified"), created(ctx, item));
    }

    private interface Step {
        void run() throws RecordRejected;
    }

    /** A bad note, opinion, relationship or report is rejected alone, with its reason; the rest converts. */
    private static void guarded(EventContext ctx, JsonNode item, String what, Step step) {
        try {
            step.run();
        } catch (RecordRejected e) {
            ctx.reject(what + " " + item.path("uuid").asText("(no uuid)"), e.getMessage(), item);
        }
    }
}

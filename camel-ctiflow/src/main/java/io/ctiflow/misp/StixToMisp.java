package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * STIX 2.1 to one MISP event, driven by the same mappings/misp/attribute-types.yaml and object-templates.yaml that
 * {@link MispToStix} reads (backwards, see {@link ReverseMappings} and {@link ReverseObjects}): indicator patterns
 * become attributes with {@code to_ids: true}, the SCOs of observed-data (and SCOs on their own) attributes with
 * {@code to_ids: false}; sigma/snort/yara indicators, vulnerabilities and campaigns their attribute types.
 * An observable with several values no single attribute type holds (a file with name and two hashes), a pattern
 * naming several properties of one object that no attribute type combines, anything that came from a MISP object
 * (its provenance names one) and identities become MISP objects: the template reading most values, with its
 * parts (pe and pe-section objects of a file).
 * TLP markings become {@code tlp:<level>} tags (the event carries the most restrictive one), the ctiflow
 * RSIT classification a {@code rsit:<class>="<type>"} tag, PAP a {@code PAP:<LEVEL>} tag, labels tags.
 * The event uuid is UUIDv5 over destination, source and origin (or the MISP event a report came from), so
 * sending the same feed again edits the same event; attribute uuids are UUIDv5 over the STIX id, type and
 * value, so an edit does not duplicate. Everything that does not become an attribute or event metadata is
 * listed in {@link Result#unmapped()} with its reason. Thread-safe after construction.
 */
public final class StixToMisp {

    private static final char SEP = '\u001f';
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Objects that are the event's frame, not content: markings, the extension definition, creators. */
    private static final Set<String> STRUCTURAL = Set.of("marking-definition", "extension-definition", "report", "grouping");

    /** Per destination: MISP event settings. */
    public record Options(String destination, int distribution, String sharingGroup, String infoTemplate,
                          int threatLevel, int analysis, boolean publish) {
    }

    /**
     * Why an event's distribution and sharing group cannot go together under MISP's rules, worded with the caller's
     * names of the two settings (URI options, CLI options); empty when they can.
     */
    public static Optional<String> sharingProblem(int distribution, String sharingGroup, String distributionName, String groupName) {
        boolean group = sharingGroup != null && !sharingGroup.isBlank();
        if (distribution < 0 || distribution > 4) {
            return Optional.of(distributionName + " must be 0 to 4 (5, inherit, is for attributes only)");
        }
        if (distribution == 4 && !group) {
            return Optional.of(distributionName + "=4 needs " + groupName + "=<MISP sharing group id>");
        }
        if (distribution != 4 && group) {
            return Optional.of(groupName + " applies only with " + distributionName + "=4");
        }
        return Optional.empty();
    }

    /**
     * The event (as {@code {"Event": {...}}}), its uuid, the number of attributes (those of its objects included), of
     * objects, and what was not mapped ("<id>: <reason>").
     */
    public record Result(String eventUuid, ObjectNode event, int attributes, int objects, List<String> unmapped) {
    }

    private final ReverseMappings reverse;
    private final ReverseObjects reverseObjects;

    public StixToMisp(Path mispMappingsDir) {
        MispMappings mappings = new MispMappings(mispMappingsDir);
        this.reverse = new ReverseMappings(mappings);
        this.reverseObjects = new ReverseObjects(mappings, new MispObjectDefinitions(mispMappingsDir));
    }

    /** What one conversion writes: attributes by type and value (merged), objects in order, and what has no place. */
    private static final class Written {
        final Map<String, ObjectNode> attributes = new LinkedHashMap<>();
        final List<ObjectNode> objects = new ArrayList<>();
        final List<String> unmapped = new ArrayList<>();
    }

    public Result convert(String source, String origin, List<StixObject> objects, Options options) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (StixObject o : objects) {
            byId.putIfAbsent(o.id(), o.tree());
        }
        Set<String> creators = new HashSet<>();
        byId.values().forEach(o -> {
            creators.add(o.path("created_by_ref").asText());
            o.path("where_sighted_refs").forEach(r -> creators.add(r.asText()));
        });
        Written w = new Written();
        Map<String, ObjectNode> attributes = w.attributes;
        List<String> unmapped = w.unmapped;
        Set<String> observedScos = new HashSet<>();
        JsonNode report = null;
        String earliest = null;

        for (JsonNode o : byId.values()) {
            String type = o.path("type").asText();
            String id = o.path("id").asText();
            if ((type.equals("report") || type.equals("grouping")) && report == null) {
                report = o;
            }
            if (type.equals("observed-data")) {
                o.path("object_refs").forEach(r -> observedScos.add(r.asText()));
            }
            switch (type) {
                case "indicator" -> indicator(o, w);
                case "observed-data" -> observed(o, byId, w);
                case "vulnerability", "campaign", "note" -> {
                    String misp = reverse.sdoType(type);
                    String name = o.path(type.equals("note") ? "content" : "name").asText("").trim();
                    if (misp == null || name.isEmpty()) {
                        unmapped.add(id + ": no MISP attribute type for a " + type + (name.isEmpty() ? " without name" : ""));
                    } else {
                        add(attributes, o, new ReverseMappings.TypedValue(misp, name), false, null);
                    }
                }
                default -> {
                    if (STRUCTURAL.contains(type) || type.equals("identity") && creators.contains(id)
                            || StixIds.isObservableType(type)) {
                        break; // frame of the event, or an SCO (handled with its observed-data or below)
                    }
                    ReverseObjects.ObjectValues person = type.equals("identity")
                            ? reverseObjects.best(new ObservableValues(o, byId), new HashSet<>()) : null;
                    if (person != null) {
                        writeObject(o, o, person, false, w); // a person or organisation
                        break;
                    }
                    unmapped.add(id + ": " + type + " has no MISP attribute type or object template (galaxies are not generated)");
                }
            }
            if (!STRUCTURAL.contains(type) && o.hasNonNull("created")) {
                String c = o.get("created").asText();
                earliest = earliest == null || c.compareTo(earliest) < 0 ? c : earliest;
            }
        }
        // observables delivered without an observed-data: observations all the same
        for (JsonNode o : byId.values()) {
            String id = o.path("id").asText();
            if (StixIds.isObservableType(o.path("type").asText()) && !observedScos.contains(id)) {
                observable(o, o, byId, w, new HashSet<>());
            }
        }

        String uuid = eventUuid(options.destination(), source, origin, report);
        ObjectNode wrapper = F.objectNode();
        ObjectNode event = wrapper.putObject("Event");
        event.put("uuid", uuid);
        event.put("info", info(report, options, source, origin));
        String date = report != null && report.hasNonNull("published") ? report.get("published").asText()
                : report != null && report.hasNonNull("created") ? report.get("created").asText() : earliest;
        if (date != null && date.length() >= 10) {
            event.put("date", date.substring(0, 10));
        }
        event.put("distribution", Integer.toString(options.distribution()));
        if (options.distribution() == 4) {
            event.put("sharing_group_id", options.sharingGroup());
        }
        event.put("threat_level_id", Integer.toString(options.threatLevel()));
        event.put("analysis", Integer.toString(options.analysis()));
        event.put("published", options.publish());
        ArrayNode tags = event.putArray("Tag");
        Set<String> eventTags = new LinkedHashSet<>();
        Tlp eventTlp = null; // the most restrictive of the attributes': the event is never more open than a part of it
        for (ObjectNode a : attributes.values()) {
            eventTlp = SinkTags.stricter(eventTlp, SinkTags.tagTlp(a));
        }
        int objectAttributes = 0;
        for (ObjectNode o : w.objects) {
            for (JsonNode a : o.path("Attribute")) {
                eventTlp = SinkTags.stricter(eventTlp, SinkTags.tagTlp(a));
                objectAttributes++;
            }
        }
        if (eventTlp != null) {
            eventTags.add("tlp:" + eventTlp.level());
        }
        if (report != null) {
            report.path("labels").forEach(l -> eventTags.add(l.asText()));
        }
        eventTags.forEach(t -> tags.addObject().put("name", t));
        ArrayNode list = event.putArray("Attribute");
        list.addAll(attributes.values());
        event.putArray("Object").addAll(w.objects);
        return new Result(uuid, wrapper, attributes.size() + objectAttributes, w.objects.size(), List.copyOf(unmapped));
    }

    private void indicator(JsonNode o, Written w) {
        Map<String, ObjectNode> attributes = w.attributes;
        List<String> unmapped = w.unmapped;
        String id = o.path("id").asText();
        String patternType = o.path("pattern_type").asText("stix");
        if (!patternType.equals("stix")) {
            String misp = reverse.patternType(patternType);
            if (misp == null) {
                unmapped.add(id + ": pattern_type " + patternType + " has no MISP attribute type");
            } else {
                add(attributes, o, new ReverseMappings.TypedValue(misp, o.path("pattern").asText()), true, null);
            }
            return;
        }
        PatternComparisons.Parsed parsed = PatternComparisons.parse(o.path("pattern").asText());
        if (parsed.problem() != null) {
            unmapped.add(id + ": pattern not a MISP attribute (" + parsed.problem() + ")");
            return;
        }
        if (!"OR".equals(parsed.joiner())) {
            ReverseMappings.TypedValue typed = reverse.fromComparisons(parsed.comparisons());
            PatternValues values = PatternValues.of(parsed.comparisons());
            // from a MISP object, or several properties no attribute type combines: an object
            boolean asObject = values != null && (typed == null || fromMispObject(o));
            ReverseObjects.ObjectValues object = asObject ? reverseObjects.best(values, new HashSet<>()) : null;
            if (object != null) {
                writeObject(o, null, object, true, w);
                if (object.size() < values.size()) {
                    unmapped.add(id + ": " + (values.size() - object.size()) + " of " + values.size() + " comparisons have no relation in the "
                            + object.definition().name() + " object (or repeat its constants)");
                }
                return;
            }
            if (typed == null) {
                unmapped.add(id + ": no MISP attribute type or object template for " + keys(parsed.comparisons())
                        + (parsed.comparisons().size() > 1 ? " together" : "") + " or a value its kind rejects");
            } else {
                add(attributes, o, typed, true, null);
            }
            return;
        }
        for (PatternComparisons.Comparison c : parsed.comparisons()) { // OR: each comparison alone is an attribute
            ReverseMappings.TypedValue typed = reverse.fromComparisons(List.of(c));
            if (typed == null) {
                unmapped.add(id + ": no MISP attribute type for " + c.key() + " (part of an OR) or a value its kind rejects");
            } else {
                add(attributes, o, typed, true, null);
            }
        }
    }

    private void observed(JsonNode od, Map<String, JsonNode> byId, Written w) {
        Set<String> used = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode ref : od.path("object_refs")) {
            JsonNode sco = byId.get(ref.asText());
            if (sco == null) {
                missing.add(ref.asText());
            } else if (!used.contains(ref.asText())) {
                observable(od, sco, byId, w, used);
            }
        }
        if (!missing.isEmpty()) {
            w.unmapped.add(od.path("id").asText() + ": observables not in the batch " + missing);
        }
    }

    /**
     * The attributes (or the object) of one SCO; {@code source} (the observed-data, or the SCO itself) gives TLP, labels
     * and provenance. One attribute when one attribute type holds all the values an object would (a domain, a
     * filename|md5), an object when there are more, or when the source came from a MISP object.
     */
    private void observable(JsonNode source, JsonNode sco, Map<String, JsonNode> byId, Written w, Set<String> used) {
        if (used.contains(sco.path("id").asText())) {
            return;
        }
        Set<String> attributeRefs = new HashSet<>();
        List<ReverseMappings.TypedValue> typed = reverse.fromObservable(sco, byId, attributeRefs);
        Set<String> objectRefs = new HashSet<>();
        ObservableValues values = new ObservableValues(sco, byId);
        ReverseObjects.ObjectValues object = reverseObjects.best(values, objectRefs);
        boolean oneAttribute = typed.size() == 1 && (object == null || object.size() <= typed.get(0).type().split("\\|").length);
        if (object != null && (!oneAttribute || fromMispObject(source))) {
            used.addAll(objectRefs);
            writeObject(source, sco, object, false, w);
            return;
        }
        used.addAll(attributeRefs);
        if (typed.isEmpty()) {
            w.unmapped.add(sco.path("id").asText() + ": no MISP attribute type or object template for this " + sco.path("type").asText());
        }
        for (ReverseMappings.TypedValue t : typed) {
            add(w.attributes, source, t, false, sco);
        }
    }

    /**
     * Writes a MISP object with its parts; {@code source} gives uuid basis, comment and tags (and, when it came from a
     * MISP object, the relations its provenance kept), {@code sco} the observable read (null for a pattern).
     */
    private static void writeObject(JsonNode source, JsonNode sco, ReverseObjects.ObjectValues object, boolean toIds, Written w) {
        if (fromMispObject(source)) {
            object = ProvenanceExtras.addTo(object, source); // the relations STIX had no property for
        }
        String stixId = source.path("id").asText();
        String basis = sco == null || sco == source ? stixId : stixId + SEP + sco.path("id").asText();
        String comment = source.path("description").asText("").trim();
        w.objects.addAll(MispObjectJson.write(object, basis, toIds, comment.isEmpty() ? stixId : abbreviate(comment),
                SinkTags.of(source, sco)));
    }

    /** True when the STIX object was converted from a MISP object (its ctiflow provenance names one). */
    private static boolean fromMispObject(JsonNode o) {
        return o.path("extensions").path(CtiflowExtension.ID).hasNonNull("misp_object");
    }

    private static String abbreviate(String comment) {
        return comment.length() > 1000 ? comment.substring(0, 1000) : comment;
    }

    /** Adds an attribute, or merges into the same type and value already there (to_ids and tags united). */
    private static void add(Map<String, ObjectNode> attributes, JsonNode source, ReverseMappings.TypedValue typed, boolean toIds, JsonNode sco) {
        String stixId = source.path("id").asText();
        Set<String> tags = SinkTags.of(source, sco);
        Tlp tlp = SinkTags.stricter(SinkTags.tlp(source), sco == null ? null : SinkTags.tlp(sco));
        String key = typed.type() + SEP + typed.value();
        ObjectNode existing = attributes.get(key);
        if (existing != null) {
            if (toIds) {
                existing.put("to_ids", true);
            }
            Tlp merged = SinkTags.stricter(SinkTags.tagTlp(existing), tlp);
            ArrayNode old = (ArrayNode) existing.get("Tag");
            for (int i = old.size() - 1; i >= 0; i--) {
                if (old.get(i).path("name").asText().startsWith("tlp:")) {
                    old.remove(i);
                }
            }
            if (merged != null) {
                old.insertObject(0).put("name", "tlp:" + merged.level());
            }
            tags.removeIf(t -> t.startsWith("tlp:"));
            Set<String> names = new HashSet<>();
            existing.path("Tag").forEach(t -> names.add(t.path("name").asText()));
            tags.stream().filter(t -> !names.contains(t)).forEach(t -> ((ArrayNode) existing.get("Tag")).addObject().put("name", t));
            return;
        }
        ObjectNode a = F.objectNode();
        a.put("uuid", StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "misp-sink" + SEP + stixId + SEP + key).toString());
        a.put("type", typed.type());
        a.put("value", typed.value());
        a.put("to_ids", toIds);
        a.put("distribution", "5"); // inherit the event's
        String comment = source.path("description").asText("").trim();
        a.put("comment", comment.isEmpty() ? stixId : abbreviate(comment));
        ArrayNode tagList = a.putArray("Tag");
        tags.forEach(t -> tagList.addObject().put("name", t));
        attributes.put(key, a);
    }

    private static String keys(List<PatternComparisons.Comparison> comparisons) {
        return comparisons.stream().map(PatternComparisons.Comparison::key).toList().toString();
    }

    /**
     * UUIDv5 over destination, source and origin; when the batch holds a report converted from a MISP
     * event, over that event's uuid instead of the origin (whose name changes with every event version).
     */
    static String eventUuid(String destination, String source, String origin, JsonNode report) {
        String basis = "origin" + SEP + origin;
        if (report != null) {
            for (JsonNode ref : report.path("external_references")) {
                if ("misp".equals(ref.path("source_name").asText()) && ref.hasNonNull("external_id")) {
                    basis = "misp-event" + SEP + ref.get("external_id").asText().toLowerCase(Locale.ROOT);
                }
            }
        }
        return StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "misp-sink" + SEP + destination + SEP + source + SEP + basis).toString();
    }

    private static String info(JsonNode report, Options options, String source, String origin) {
        String name = report == null ? "" : report.path("name").asText("").trim();
        if (!name.isEmpty()) {
            return name;
        }
        return options.infoTemplate().replace("{source}", source).replace("{origin}", origin)
                .replace("{destination}", options.destination());
    }
}

package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
/**
 * Writes one observation of an attribute or object: an indicator (to_ids) with its pattern, or an
 * observed-data with its SCOs; then its sightings, the galaxies and the analyst data attached to it.
 */
final class ObservationWriter {

    /** Where the values come from and how they may be shared. */
    record Origin(String uuid, String fallback, JsonNode element, EventContext.Sharing sharing, String mispObject,
                  Collection<String> personalData, Map<String, String> extra, String name, String description, boolean observable) {
    }

    private final GalaxyConverter galaxies;
    private final AnalystData analystData;

    ObservationWriter(GalaxyConverter galaxies, AnalystData analystData) {
        this.galaxies = galaxies;
        this.analystData = analystData;
    }

    /** Returns the id of the indicator or observed-data written. */
    String write(EventContext ctx, Origin o, String sco, JsonNode constants, List<ObservableBuilder.Value> values, boolean toIds) {
        // with the observedData option an indicator also gets its observables, unless they make no valid SCO (pattern_only)
        boolean alsoObserved = toIds && ctx.options.observedData() && o.observable();
        ObservableBuilder.Observation obs = ObservableBuilder.build(sco, (ObjectNode) constants, values, !toIds || alsoObserved);
        Instant timestamp = EventContext.time(o.element().get("timestamp"), ctx.eventTime);
        Instant firstSeen = EventContext.time(o.element().get("first_seen"), null);
        Instant lastSeen = EventContext.time(o.element().get("last_seen"), null);
        String id;
        if (toIds) {
            id = ctx.id("indicator", "indicator", o.uuid(), o.fallback());
            ObjectNode ind = ctx.sdo("indicator", id, timestamp, timestamp, o.sharing(), o.uuid(), o.mispObject(), o.personalData(), o.extra());
            ind.put("name", o.name());
            if (o.description() != null && !o.description().isBlank()) {
                ind.put("description", o.description());
            }
            ind.putArray("indicator_types").add("malicious-activity");
            ind.put("pattern", obs.pattern());
            ind.put("pattern_type", "stix");
            ind.put("pattern_version", "2.1");
            Instant validFrom = firstSeen != null ? firstSeen : timestamp;
            ind.put("valid_from", ctx.format(validFrom));
            if (lastSeen != null && lastSeen.isAfter(validFrom)) {
                ind.put("valid_until", ctx.format(lastSeen));
            }
            ctx.add(ind);
            ctx.indicators.put(id, o.sharing());
            if (alsoObserved) {
                String observed = observedData(ctx, o, obs, timestamp, firstSeen, lastSeen);
                ObjectNode basedOn = ctx.sdo("relationship", ctx.id("relationship", "based-on", o.uuid(), o.fallback()), timestamp, timestamp,
                        o.sharing(), o.uuid(), o.mispObject(), o.personalData(), null);
                basedOn.put("relationship_type", "based-on");
                basedOn.put("source_ref", id);
                basedOn.put("target_ref", observed);
                ctx.add(basedOn);
            }
        } else {
            id = observedData(ctx, o, obs, timestamp, firstSeen, lastSeen);
        }
        return id;
    }

    /** The observed-data of an observation and its SCOs (those with personal data marked so); returns its id. */
    private static String observedData(EventContext ctx, Origin o, ObservableBuilder.Observation obs, Instant timestamp,
                                       Instant firstSeen, Instant lastSeen) {
        String id = ctx.id("observed-data", "observed-data", o.uuid(), o.fallback());
        Instant first = firstSeen != null ? firstSeen : timestamp;
        Instant last = lastSeen != null && !lastSeen.isBefore(first) ? lastSeen : first;
        ObjectNode od = ctx.sdo("observed-data", id, timestamp, timestamp, o.sharing(), o.uuid(), o.mispObject(), o.personalData(), o.extra());
        od.put("first_observed", ctx.format(first));
        od.put("last_observed", ctx.format(last));
        od.put("number_observed", 1);
        ArrayNode refs = od.putArray("object_refs");
        for (ObjectNode observable : obs.scos()) {
            refs.add(observable.get("id").asText());
            if (o.personalData() != null && !o.personalData().isEmpty()) {
                // with, not put: the observable's own extensions (unix-account-ext, windows-pebinary-ext) stay
                ObjectNode extensions = observable.has("extensions") ? (ObjectNode) observable.get("extensions") : observable.putObject("extensions");
                ObjectNode ext = extensions.putObject(CtiflowExtension.ID);
                ext.put("extension_type", "property-extension");
                ext.put("source", EventContext.SOURCE);
                ArrayNode pd = ext.putArray("personal_data");
                o.personalData().stream().distinct().forEach(pd::add);
            }
            ctx.add(observable);
        }
        ctx.add(od);
        return id;
    }

    /** Sightings (type 0) of an attribute, one sighting SRO per sighting organisation with count and first/last seen. */
    void sightings(EventContext ctx, JsonNode attribute, String targetId, EventContext.Sharing sharing) {
        JsonNode sightings = attribute.path("Sighting");
        if (!sightings.isArray() || sightings.isEmpty()) {
            return;
        }
        Map<String, JsonNode> orgs = new TreeMap<>();
        Map<String, Instant[]> spans = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode s : sightings) {
            if (!s.path("type").asText("0").equals("0")) {
                continue; // 1 = false positive, 2 = expiration: not observations
            }
            JsonNode org = s.path("Organisation");
            String key = org.path("uuid").asText(org.path("name").asText("org-" + s.path("org_id").asText("?")));
            Instant at = EventContext.time(s.get("date_sighting"), ctx.eventTime);
            orgs.putIfAbsent(key, org);
            counts.merge(key, 1, Integer::sum);
            spans.merge(key, new Instant[] {at, at}, (a, b) -> new Instant[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        for (String key : orgs.keySet()) {
            ObjectNode org = MispToStix.orgIdentity(orgs.get(key));
            ctx.add(org);
            Instant[] span = spans.get(key);
            String id = ctx.id("sighting", "sighting", attribute.path("uuid").asText(null) == null ? null
                    : attribute.path("uuid").asText() + EventContext.SEP + key, targetId + EventContext.SEP + key);
            ObjectNode s = ctx.sdo("sighting", id, span[0], span[1], new EventContext.Sharing(sharing.distribution(),
                    sharing.sharingGroup(), new MispTags(sharing.tags().tlp(), sharing.tags().pap(), List.of())),
                    attribute.path("uuid").asText(null), null, null, null);
            s.put("first_seen", ctx.format(span[0]));
            s.put("last_seen", ctx.format(span[1]));
            s.put("count", counts.get(key));
            s.put("sighting_of_ref", targetId);
            s.putArray("where_sighted_refs").add(org.get("id").asText());
            ctx.add(s);
        }
    }

    /** The analyst notes, opinions and relationships of an attribute or object, on what it was converted to. */
    void analystData(EventContext ctx, JsonNode element, String targetId, EventContext.Sharing sharing) {
        analystData.attach(ctx, element, targetId, sharing);
    }

    /** Galaxies attached to an attribute: their SDOs, and relationships from the indicator. */
    void galaxies(EventContext ctx, JsonNode element, String sourceId, boolean indicator, EventContext.Sharing sharing) {
        List<GalaxyConverter.Cluster> clusters = galaxies.convert(ctx, element.path("Galaxy"));
        if (indicator) {
            Instant t = EventContext.time(element.get("timestamp"), ctx.eventTime);
            for (GalaxyConverter.Cluster c : clusters) {
                galaxies.relate(ctx, sourceId, "indicates", c, t, sharing);
            }
        }
    }
}

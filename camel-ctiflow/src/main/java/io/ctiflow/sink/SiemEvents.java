package io.ctiflow.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;

import java.util.Optional;

/**
 * One indicator as the flat record SIEMs ingest: {@code value}, {@code type}, {@code port} (of a
 * network-traffic pattern), {@code pattern} (only when not a single comparison), {@code classification}, {@code confidence}, {@code tlp}, {@code valid_from},
 * {@code valid_until}, {@code id}, {@code name}, {@code destination}. Absent facts are left out.
 */
final class SiemEvents {

    private SiemEvents() {
    }

    /** The record of an indicator; empty for any other object. */
    static Optional<ObjectNode> of(StixObject object, String destination) {
        if (!"indicator".equals(object.type())) {
            return Optional.empty();
        }
        ObjectNode indicator = object.tree();
        ObjectNode event = Stix.mapper().createObjectNode();
        String pattern = indicator.path("pattern").asText(null);
        Optional<PatternObservable> observable = PatternObservable.of(pattern);
        observable.ifPresent(o -> {
            event.put("value", o.value());
            event.put("type", o.type());
            if (o.port() != null) {
                event.put("port", o.port());
            }
        });
        if (observable.isEmpty() || !observable.get().simple()) {
            event.put("pattern", pattern);
        }
        String classification = classification(indicator);
        if (classification != null) {
            event.put("classification", classification);
        }
        if (indicator.path("confidence").isInt()) {
            event.put("confidence", indicator.get("confidence").asInt());
        }
        tlp(indicator).ifPresent(t -> event.put("tlp", t.level()));
        copy(indicator, "valid_from", event);
        copy(indicator, "valid_until", event);
        event.put("id", object.id());
        copy(indicator, "name", event);
        if (destination != null && !destination.isEmpty()) {
            event.put("destination", destination);
        }
        return Optional.of(event);
    }

    /** The provenance's RSIT type (c2-server), else the indicator_types joined by commas. */
    private static String classification(ObjectNode indicator) {
        JsonNode provenance = indicator.path("extensions").path(CtiflowExtension.ID).path("classification");
        if (provenance.hasNonNull("type")) {
            return provenance.get("type").asText();
        }
        StringBuilder types = new StringBuilder();
        for (JsonNode t : indicator.path("indicator_types")) {
            types.append(types.length() == 0 ? "" : ",").append(t.asText());
        }
        return types.length() == 0 ? null : types.toString();
    }

    /** The most restrictive TLP among the object markings. */
    private static Optional<Tlp> tlp(ObjectNode indicator) {
        Tlp found = null;
        for (JsonNode ref : indicator.path("object_marking_refs")) {
            Optional<Tlp> tlp = Tlp.fromStandardMarkingId(ref.asText());
            if (tlp.isPresent() && (found == null || tlp.get().isMoreRestrictiveThan(found))) {
                found = tlp.get();
            }
        }
        return Optional.ofNullable(found);
    }

    private static void copy(ObjectNode from, String field, ObjectNode to) {
        if (from.hasNonNull(field)) {
            to.put(field, from.get(field).asText());
        }
    }
}

package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.misp.MispObjectDefinitions.Definition;
import io.ctiflow.misp.ReverseObjects.ObjectAttribute;
import io.ctiflow.misp.ReverseObjects.ObjectValues;
import io.ctiflow.stix.CtiflowExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts back the object relations STIX has no property for. MISP -> STIX keeps them as text in the ctiflow provenance
 * extension's {@code extra}: {@code misp_<relation>} for the object's own (and shadowed ones of its parts),
 * {@code misp_<template>_<relation>} for a part folded into it (hyphens as underscores, several values joined by
 * ", "). A part's joined values go back one per part in order when their number is the number of such parts;
 * otherwise they cannot be told apart and stay out.
 */
final class ProvenanceExtras {

    private ProvenanceExtras() {
    }

    /** The object with the relations its source's provenance extra holds added (to it, or to its parts). */
    static ObjectValues addTo(ObjectValues object, JsonNode source) {
        JsonNode extra = source.path("extensions").path(CtiflowExtension.ID).path("extra");
        if (!extra.isObject() || extra.isEmpty()) {
            return object;
        }
        Map<String, String> remaining = new HashMap<>();
        extra.fields().forEachRemaining(e -> remaining.put(e.getKey(), e.getValue().asText()));
        Map<ObjectValues, List<ObjectAttribute>> added = new IdentityHashMap<>();
        take(object.definition(), remaining, added.computeIfAbsent(object, k -> new ArrayList<>()));
        List<ObjectValues> parts = new ArrayList<>();
        descendants(object, parts);
        Map<String, List<ObjectValues>> byTemplate = new LinkedHashMap<>();
        parts.forEach(p -> byTemplate.computeIfAbsent(p.definition().name(), k -> new ArrayList<>()).add(p));
        byTemplate.forEach((template, same) -> {
            String prefix = "misp_" + underscored(template) + "_";
            same.get(0).definition().types().forEach((relation, type) -> {
                String value = remaining.remove(prefix + underscored(relation));
                if (value == null) {
                    return;
                }
                String[] values = value.split(", ", -1);
                if (same.size() == 1) {
                    added.computeIfAbsent(same.get(0), k -> new ArrayList<>()).add(new ObjectAttribute(relation, type, value));
                } else if (values.length == same.size()) {
                    for (int i = 0; i < values.length; i++) {
                        added.computeIfAbsent(same.get(i), k -> new ArrayList<>()).add(new ObjectAttribute(relation, type, values[i]));
                    }
                }
            });
            // a part's relation on a property the object itself has (a pe's original file name beside the file's name): un-prefixed
            same.forEach(p -> take(p.definition(), remaining, added.computeIfAbsent(p, k -> new ArrayList<>())));
        });
        return rebuild(object, added);
    }

    private static void descendants(ObjectValues object, List<ObjectValues> out) {
        for (ObjectValues p : object.parts()) {
            out.add(p);
            descendants(p, out);
        }
    }

    private static ObjectValues rebuild(ObjectValues o, Map<ObjectValues, List<ObjectAttribute>> added) {
        List<ObjectAttribute> attributes = new ArrayList<>(o.attributes());
        attributes.addAll(added.getOrDefault(o, List.of()));
        return new ObjectValues(o.definition(), List.copyOf(attributes), o.parts().stream().map(p -> rebuild(p, added)).toList(), o.defaults());
    }

    /** Moves the values of the definition's relations (misp_<relation>) from remaining into attributes. */
    private static void take(Definition d, Map<String, String> remaining, List<ObjectAttribute> attributes) {
        d.types().forEach((relation, type) -> {
            String value = remaining.remove("misp_" + underscored(relation));
            if (value != null) {
                attributes.add(new ObjectAttribute(relation, type, value));
            }
        });
    }

    private static String underscored(String name) {
        return name.replace('-', '_');
    }
}

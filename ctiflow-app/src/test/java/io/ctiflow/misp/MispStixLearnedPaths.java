package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.RecordRejected;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
/**
 * What misp-stix would write for events it was never run on (misp-stix cannot run here: no Python package
 * index): where each attribute type (per '|' part) and each object template relation lands in misp-stix's
 * STIX, learned from its own test-event features (the misp-stix value keys whose value is the MISP value).
 * Applied to a real event, it gives the keys misp-stix's mapping puts that event's values at, on patterns for
 * to_ids attributes (MISP's per-type default when absent, as PyMISP applies it) and on observables otherwise.
 * A type or relation absent from misp-stix's test events is not expected: the proxy under-counts, never invents.
 */
final class MispStixLearnedPaths {

    private final Map<String, Set<String>> comparisonPaths = new HashMap<>();
    private final Map<String, Set<String>> observablePaths = new HashMap<>();
    private final Map<String, Boolean> toIdsDefaults;
    private final Map<String, MispRules.ObjectTemplate> templates;

    MispStixLearnedPaths(List<MispStixReference.Feature> features, MispMappings mappings) {
        this.toIdsDefaults = mappings.toIdsDefaults;
        this.templates = mappings.objectTemplates;
        for (MispStixReference.Feature f : features) {
            learn(f, comparisonPaths, f.expected().comparisons());
            learn(f, observablePaths, f.expected().observables());
        }
    }

    private void learn(MispStixReference.Feature f, Map<String, Set<String>> into, Set<String> keys) {
        for (Slot slot : slots(f.misp())) {
            String wanted = norm(slot.value());
            for (String key : keys) {
                int eq = key.indexOf('=');
                if (eq > 0 && !key.substring(0, eq).contains(" ") && key.substring(eq + 1).equals(wanted)) {
                    into.computeIfAbsent(slot.key(), k -> new TreeSet<>()).add(generic(key.substring(0, eq)));
                }
            }
        }
    }

    /** The keys misp-stix's mapping gives one real event (top-level attributes and objects). */
    StixValueKeys.Keys expected(JsonNode event) {
        JsonNode e = event.has("Event") ? event.get("Event") : event;
        StixValueKeys.Keys keys = new StixValueKeys.Keys();
        for (JsonNode a : e.path("Attribute")) {
            if (!EventContext.flag(a.path("deleted"))) {
                add(slots(a, "attribute:" + a.path("type").asText()), toIds(a), keys);
            }
        }
        ObjectFolding folding = ObjectFolding.of(e.path("Object"), templates);
        for (JsonNode o : e.path("Object")) {
            if (EventContext.flag(o.path("deleted")) || folding.isFolded(o)) {
                continue;
            }
            // one observation: the object and the objects folded into it (pe, pe-section into file), as misp-stix does
            boolean toIds = false;
            List<Slot> slots = new ArrayList<>();
            List<JsonNode> members = new ArrayList<>(List.of(o));
            members.addAll(folding.descendants(o));
            for (JsonNode m : members) {
                for (JsonNode a : m.path("Attribute")) {
                    if (!EventContext.flag(a.path("deleted"))) {
                        toIds |= toIds(a);
                        slots.add(new Slot("object:" + m.path("name").asText() + "/" + a.path("object_relation").asText(), a.path("value").asText()));
                    }
                }
            }
            add(slots, toIds, keys);
        }
        return keys;
    }

    private void add(List<Slot> slots, boolean toIds, StixValueKeys.Keys keys) {
        for (Slot s : slots) {
            for (String path : (toIds ? comparisonPaths : observablePaths).getOrDefault(s.key(), Set.of())) {
                String value = norm(s.value());
                (toIds ? keys.comparisons() : keys.observables()).add(specific(path, value) + "=" + value);
            }
        }
    }

    private boolean toIds(JsonNode a) {
        JsonNode flag = a.get("to_ids");
        return flag == null || flag.isNull() ? toIdsDefaults.getOrDefault(a.path("type").asText(), false) : EventContext.flag(flag);
    }

    record Slot(String key, String value) {
    }

    /** The valued slots of a misp-stix feature's MISP side: attribute parts, object relations. */
    private static List<Slot> slots(JsonNode misp) {
        List<Slot> out = new ArrayList<>();
        for (JsonNode item : misp.isArray() ? misp : List.of(misp)) {
            if (item.has("Attribute")) {
                for (JsonNode a : item.get("Attribute")) {
                    out.add(new Slot("object:" + item.path("name").asText() + "/" + a.path("object_relation").asText(), a.path("value").asText()));
                }
            } else {
                out.addAll(slots(item, "attribute:" + item.path("type").asText()));
            }
        }
        return out;
    }

    private static List<Slot> slots(JsonNode attribute, String key) {
        String type = attribute.path("type").asText();
        String value = attribute.path("value").asText();
        if (!type.contains("|") && !type.equals("malware-sample")) {
            return List.of(new Slot(key + "#0", value));
        }
        String[] parts = value.split("\\|", -1);
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            out.add(new Slot(key + "#" + i, parts[i]));
        }
        return out;
    }

    /** As {@link StixValueKeys} compares values: trimmed, registry hives spelled out, lower case. */
    private static String norm(String value) {
        String v = value.trim();
        try {
            v = v.isEmpty() ? v : ValueKind.REGKEY.normalize(v);
        } catch (RecordRejected e) {
            throw new IllegalStateException(e);
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /** ipv4-addr and ipv6-addr are one slot: which one is decided by the value. */
    private static String generic(String typePath) {
        return typePath.startsWith("ipv4-addr:") || typePath.startsWith("ipv6-addr:") ? "ip-addr:" + typePath.substring(10) : typePath;
    }

    private static String specific(String typePath, String value) {
        return typePath.startsWith("ip-addr:") ? (value.contains(":") ? "ipv6-addr:" : "ipv4-addr:") + typePath.substring(8) : typePath;
    }
}

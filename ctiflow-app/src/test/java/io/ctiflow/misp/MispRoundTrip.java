package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.misp.MispRules.AttributeRule;
import io.ctiflow.pipeline.Reject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MISP -> STIX (ctiflow's MispToStix) -> MISP (StixToMisp): which of an event's attribute values, those inside its
 * objects included, come back. An attribute counts as back when the returned event holds an attribute (top-level or
 * in an object) of an equivalent type with the same value:
 * <ul>
 *   <li>types are equivalent when attribute-types.yaml maps them to the same STIX (ip-src and ip-dst are both
 *       {@code ip-addr:value}: STIX has no direction, MISP's canonical type comes back);</li>
 *   <li>values are compared trimmed, case-insensitively, each '|' part normalised by its field's kind as MISP -> STIX
 *       writes it (registry hives spelled out, timestamps in UTC; object datetime relations too).</li>
 * </ul>
 * Deleted attributes are not counted.
 */
final class MispRoundTrip {

    /** One event's result: attributes found again, attributes compared, and the ones lost ("type value (where): why"). */
    record Outcome(String event, int found, int total, List<String> lost) {
        double percent() {
            return total == 0 ? 100.0 : 100.0 * found / total;
        }
    }

    private final MispToStix toStix;
    private final StixToMisp toMisp;
    private final Map<String, AttributeRule> rules;

    MispRoundTrip(MispToStix toStix, StixToMisp toMisp, MispMappings mappings) {
        this.toStix = toStix;
        this.toMisp = toMisp;
        this.rules = mappings.attributeTypes;
    }

    Outcome measure(String name, JsonNode event) {
        MispConversion stix = toStix.convert(event);
        StixToMisp.Result back = toMisp.convert("round-trip", name, stix.objects(), StixToMispConversionTest.OPTIONS);
        Set<String> returned = new HashSet<>();
        JsonNode out = back.event().path("Event");
        out.path("Attribute").forEach(a -> returned.add(key(a)));
        out.path("Object").forEach(o -> o.path("Attribute").forEach(a -> returned.add(key(a))));
        int found = 0;
        int total = 0;
        List<String> lost = new ArrayList<>();
        for (JsonNode a : event.path("Attribute")) {
            if (!EventContext.flag(a.path("deleted"))) {
                total++;
                if (returned.contains(key(a))) {
                    found++;
                } else {
                    lost.add(describe(a, "attribute", stix.rejects()));
                }
            }
        }
        for (JsonNode o : event.path("Object")) {
            if (EventContext.flag(o.path("deleted"))) {
                continue;
            }
            for (JsonNode a : o.path("Attribute")) {
                if (!EventContext.flag(a.path("deleted"))) {
                    total++;
                    if (returned.contains(key(a))) {
                        found++;
                    } else {
                        lost.add(describe(a, o.path("name").asText() + "." + a.path("object_relation").asText(), stix.rejects()));
                    }
                }
            }
        }
        return new Outcome(name, found, total, lost);
    }

    private static String describe(JsonNode a, String where, List<Reject> rejects) {
        String uuid = a.path("uuid").asText("?");
        String why = rejects.stream().filter(r -> r.reason().contains(uuid)).map(Reject::reason).findFirst().orElse("");
        String value = a.path("value").asText();
        return a.path("type").asText() + " " + (value.length() > 60 ? value.substring(0, 60) + "..." : value)
                + " (" + where + ")" + (why.isEmpty() ? "" : ": " + why.substring(why.indexOf(uuid) + uuid.length()).replaceFirst("^[^:]*: ", ""));
    }

    /** Equivalent type and normalised value. */
    private String key(JsonNode a) {
        String type = a.path("type").asText();
        AttributeRule rule = rules.get(type);
        String value = a.path("value").asText().trim();
        String kind = type;
        if (rule != null && rule.sco() != null) {
            Set<String> paths = new TreeSet<>();
            rule.fields().forEach(f -> paths.add(f.path));
            kind = rule.sco() + paths;
            String[] parts = value.split("\\|", -1);
            if (parts.length == rule.fields().size()) {
                List<String> normalised = new ArrayList<>();
                for (int i = 0; i < parts.length; i++) {
                    normalised.add(normalise(rule.fields().get(i), parts[i]));
                }
                value = String.join("|", normalised);
            }
        } else if (rule != null && rule.sdo() != null) {
            kind = rule.sdo() + "/" + rule.property() + "/" + rule.patternType();
        } else if (type.equals("datetime")) {
            value = normalise(new Field("datetime", ValueKind.DATETIME, "x", "t", null, null), value); // +00:00 and Z are one instant
        }
        return kind + " " + value.toLowerCase(Locale.ROOT);
    }

    private static String normalise(Field f, String raw) {
        try {
            return f.normalize(raw);
        } catch (RecordRejected | RuntimeException e) {
            return raw.trim();
        }
    }
}

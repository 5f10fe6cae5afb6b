package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.misp.MispRules.ObjectTemplate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MISP objects that describe a thing rather than an observation (vulnerability, attack-pattern, course-of-action,
 * intrusion-set...; object-templates.yaml {@code sdo}): the object's mapped values are the SDO's properties, values
 * of a relation with {@code reference} its external references. A CVE name is also a {@code cve} reference, as
 * misp-stix writes it. Without a name (STIX requires one) the object is rejected.
 */
final class SdoObjects {

    private static final Pattern CVE = Pattern.compile("^CVE-\\d{4}-\\d{4,}$", Pattern.CASE_INSENSITIVE);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SdoObjects() {
    }

    /** Returns the id of the SDO written. */
    static String write(EventContext ctx, JsonNode o, String uuid, ObjectTemplate template, List<ObservableBuilder.Value> values,
                        EventContext.Sharing sharing, Collection<String> personal, Map<String, String> extra) throws RecordRejected {
        ObjectNode body = F.objectNode();
        ArrayNode references = F.arrayNode();
        for (ObservableBuilder.Value v : values) {
            JsonNode value = v.field().kind.numeric() ? F.numberNode(Long.parseLong(v.value())) : F.textNode(v.value());
            if (v.field().reference != null) {
                ObjectNode ref = references.addObject();
                ref.put("source_name", v.field().reference);
                ref.set(v.field().path, value);
            } else {
                ObservableBuilder.set(body, v.field(), value);
            }
        }
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw new RecordRejected("a " + template.sdo() + " needs a name, and none of the relations mapped to it is given");
        }
        if (template.sdo().equals("vulnerability")) {
            ObjectNode cve = cveReference(name);
            if (cve != null) {
                references.insert(0, cve);
            }
        }
        Instant t = EventContext.time(o.get("timestamp"), ctx.eventTime);
        String id = ctx.id(template.sdo(), template.sdo(), uuid, o.path("name").asText() + EventContext.SEP + name);
        ObjectNode n = ctx.sdo(template.sdo(), id, t, t, sharing, uuid, uuid, personal, extra);
        n.setAll(body);
        template.constants().fields().forEachRemaining(c -> n.putIfAbsent(c.getKey(), c.getValue().deepCopy()));
        if (!references.isEmpty()) {
            n.set("external_references", references);
        }
        ctx.add(n);
        return id;
    }

    /** The {@code cve} external reference of a vulnerability named by its CVE id, or null for other names. */
    static ObjectNode cveReference(String name) {
        if (!CVE.matcher(name).matches()) {
            return null;
        }
        ObjectNode cve = F.objectNode();
        cve.put("source_name", "cve");
        cve.put("external_id", name.toUpperCase(Locale.ROOT));
        return cve;
    }
}

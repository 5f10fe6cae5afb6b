package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixIds;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns mapped values (field + normalised value) into one observation: a STIX pattern that ANDs one
 * comparison per value, and the cyber-observables (main SCO first, then the SCOs it references) with
 * their spec UUIDv5 ids.
 */
final class ObservableBuilder {

    /**
     * A normalised value for a field; group tells apart the values of different folded MISP objects (PE sections)
     * that land in the same list of objects: one list element per group.
     */
    record Value(Field field, String value, int group) {
        Value(Field field, String value) {
            this(field, value, 0);
        }
    }

    record Observation(String pattern, List<ObjectNode> scos) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ObservableBuilder() {
    }

    /**
     * ANDs one comparison per value; several values for a property that holds one (two domains of a domain-ip, an IP
     * and a host name as the destination) are alternatives, ORed in parentheses: ANDed, the pattern could never match.
     */
    static String pattern(String sco, List<Value> values) {
        boolean ipv6 = sco.equals("ip-addr") && ValueKind.ipType(values.get(0).value()).equals("ipv6-addr");
        StringBuilder p = new StringBuilder("[");
        boolean[] done = new boolean[values.size()];
        for (int i = 0; i < values.size(); i++) {
            if (done[i]) {
                continue;
            }
            Value v = values.get(i);
            if (p.length() > 1) {
                p.append(" AND ");
            }
            String comparison = v.field().comparison(v.value(), ipv6);
            List<String> alternatives = v.field().path.contains("[*]") ? List.of() : alternatives(values, i, comparison, ipv6, done);
            if (alternatives.isEmpty()) {
                p.append(comparison);
            } else {
                p.append('(').append(comparison);
                alternatives.forEach(c -> p.append(" OR ").append(c));
                p.append(')');
            }
        }
        return p.append(']').toString();
    }

    /** The other comparisons on the same single-valued path as values[at], marked done (duplicates dropped). */
    private static List<String> alternatives(List<Value> values, int at, String first, boolean ipv6, boolean[] done) {
        List<String> out = List.of();
        String path = values.get(at).field().path;
        for (int j = at + 1; j < values.size(); j++) {
            Value w = values.get(j);
            if (!done[j] && w.field().path.equals(path)) {
                done[j] = true;
                String c = w.field().comparison(w.value(), ipv6);
                if (!c.equals(first) && !out.contains(c)) {
                    out = out.isEmpty() ? new ArrayList<>() : out;
                    out.add(c);
                }
            }
        }
        return out;
    }

    static Observation build(String sco, ObjectNode constants, List<Value> values, boolean withObservables) {
        String pattern = pattern(sco, values);
        if (!withObservables) {
            return new Observation(pattern, List.of());
        }
        String type = sco.equals("ip-addr") ? ValueKind.ipType(values.get(0).value()) : sco;
        ObjectNode main = sco(type);
        Map<String, ObjectNode> singleRefs = new LinkedHashMap<>();
        Map<String, List<ObjectNode>> listRefs = new LinkedHashMap<>();
        Map<ObjectNode, Integer> groups = new IdentityHashMap<>();
        List<ObjectNode> nested = new ArrayList<>();
        for (Value v : values) {
            Field f = v.field();
            JsonNode value = f.kind.numeric() ? F.numberNode(Long.parseLong(v.value())) : F.textNode(v.value());
            if (f.ref == null) {
                set(main, f.segments, 0, value, v.group(), groups);
                continue;
            }
            String refType = f.ref.equals("ip-addr") ? ValueKind.ipType(v.value()) : f.ref;
            String refProp = Field.bare(f.segments.get(0));
            if (f.segments.size() == 3 && f.isList(0)) {
                // a reference inside a list element (body_multipart[*].body_raw_ref.name): one element per value
                ObjectNode target = sco(refType);
                set(target, f.segments, 2, value, v.group(), groups);
                target.put("id", id(target));
                (main.has(refProp) ? (ArrayNode) main.get(refProp) : main.putArray(refProp)).addObject()
                        .put(f.segments.get(1), target.get("id").asText());
                nested.add(target);
            } else if (f.isList(0)) {
                ObjectNode target = sco(refType);
                set(target, f.segments, 1, value, v.group(), groups);
                listRefs.computeIfAbsent(refProp, k -> new ArrayList<>()).add(target);
            } else {
                ObjectNode target = singleRefs.computeIfAbsent(refProp, k -> sco(refType));
                if (target.path("type").asText().equals(refType)) {
                    set(target, f.segments, 1, value, v.group(), groups);
                }
            }
        }
        if (main.has("body_multipart")) {
            main.put("is_multipart", true); // STIX: an email with body_multipart is multipart, whatever the mapping's default
        }
        applyConstants(main, constants);
        List<ObjectNode> referenced = new ArrayList<>(nested);
        singleRefs.forEach((prop, target) -> {
            target.put("id", id(target));
            main.put(prop, target.get("id").asText());
            referenced.add(target);
        });
        listRefs.forEach((prop, targets) -> {
            ArrayNode ids = main.putArray(prop);
            for (ObjectNode target : targets) {
                target.put("id", id(target));
                if (!contains(ids, target.get("id").asText())) {
                    ids.add(target.get("id").asText());
                    referenced.add(target);
                }
            }
        });
        main.put("id", id(main));
        List<ObjectNode> out = new ArrayList<>(1 + referenced.size());
        out.add(main);
        out.addAll(referenced);
        return new Observation(pattern, out);
    }

    /** Deterministic even for observables without id-contributing properties: converting an event again gives the same ids. */
    private static String id(ObjectNode sco) {
        return StixIds.contentObservableId(sco);
    }

    private static ObjectNode sco(String type) {
        ObjectNode n = F.objectNode();
        n.put("type", type);
        n.put("spec_version", "2.1");
        n.putNull("id"); // keeps id third in the serialised object; set once the id-contributing properties are known
        return n;
    }

    /** Sets one value at its field's path inside an object (an SDO's properties): lists append, single values keep the first. */
    static void set(ObjectNode node, Field field, JsonNode value) {
        set(node, field.segments, 0, value, 0, new IdentityHashMap<>());
    }

    /**
     * Sets a value at a path: lists append (or fill the last element when it is of the same group and, for group 0,
     * lacks the property), single values keep the first.
     */
    private static void set(ObjectNode node, List<String> segments, int from, JsonNode value, int group, Map<ObjectNode, Integer> groups) {
        String segment = segments.get(from);
        String name = Field.bare(segment);
        boolean last = from == segments.size() - 1;
        boolean list = segment.endsWith("[*]");
        if (last) {
            if (list) {
                ArrayNode array = node.has(name) ? (ArrayNode) node.get(name) : node.putArray(name);
                if (!contains(array, value.asText())) {
                    array.add(value);
                }
            } else if (!node.has(name)) {
                node.set(name, value);
            }
            return;
        }
        if (list) {
            ArrayNode array = node.has(name) ? (ArrayNode) node.get(name) : node.putArray(name);
            String child = Field.bare(segments.get(from + 1));
            ObjectNode previous = array.isEmpty() ? null : (ObjectNode) array.get(array.size() - 1);
            boolean reuse = previous != null && groups.getOrDefault(previous, 0) == group && (group != 0 || !previous.has(child));
            ObjectNode element = reuse ? previous : array.addObject();
            groups.put(element, group);
            set(element, segments, from + 1, value, group, groups);
        } else {
            ObjectNode child = node.has(name) ? (ObjectNode) node.get(name) : node.putObject(name);
            set(child, segments, from + 1, value, group, groups);
        }
    }

    private static void applyConstants(ObjectNode main, ObjectNode constants) {
        constants.fields().forEachRemaining(e -> {
            List<String> segments = Field.split(e.getKey());
            ObjectNode node = main;
            for (int i = 0; i < segments.size() - 1; i++) {
                String name = segments.get(i);
                if (!node.has(name)) {
                    return; // a constant inside an extension applies only when the extension is present
                }
                node = (ObjectNode) node.get(name);
            }
            if (!node.has(segments.get(segments.size() - 1))) {
                node.set(segments.get(segments.size() - 1), e.getValue().deepCopy());
            }
        });
    }

    private static boolean contains(ArrayNode array, String text) {
        for (JsonNode n : array) {
            if (n.isValueNode() && n.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }
}

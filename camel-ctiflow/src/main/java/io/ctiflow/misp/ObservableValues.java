package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of one STIX object (an SCO, or an identity) at the relation paths of object-templates.yaml, following
 * {@code *_ref}/{@code *_refs} to the referenced objects of the batch when their type is the field's {@code ref}.
 */
final class ObservableValues implements ReverseObjects.ValueSource {

    private final JsonNode object;
    private final Map<String, JsonNode> resolve;

    ObservableValues(JsonNode object, Map<String, JsonNode> resolve) {
        this.object = object;
        this.resolve = resolve;
    }

    @Override
    public String type() {
        return object.path("type").asText();
    }

    @Override
    public List<ReverseObjects.Read> read(Field field) {
        List<ReverseObjects.Read> out = new ArrayList<>();
        walk(object, field, 0, -1, null, out);
        return out;
    }

    @Override
    public String property(String name) {
        JsonNode n = object.get(name);
        return n == null || n.isNull() ? null : ReverseObjects.text(n);
    }

    private void walk(JsonNode node, Field f, int i, int element, String refId, List<ReverseObjects.Read> out) {
        String segment = f.segments.get(i);
        String name = Field.bare(segment);
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return;
        }
        boolean last = i == f.segments.size() - 1;
        boolean list = f.isList(i) && child.isArray();
        List<JsonNode> items = new ArrayList<>();
        if (list) {
            child.forEach(items::add);
        } else {
            items.add(child);
        }
        for (int k = 0; k < items.size(); k++) {
            JsonNode item = items.get(k);
            int at = element < 0 && list && !last ? k : element;
            if (last) {
                if (item.isValueNode()) {
                    out.add(new ReverseObjects.Read(item.asText(), at, refId));
                }
            } else if (item.isTextual() && name.matches(".*_refs?")) {
                JsonNode target = resolve.get(item.asText());
                if (target != null && fits(f.ref, target.path("type").asText())) {
                    walk(target, f, i + 1, at, item.asText(), out);
                }
            } else if (item.isObject()) {
                walk(item, f, i + 1, at, refId, out);
            }
        }
    }

    /** Whether a referenced object's type is the one the field reads ("ip-addr": either IP version). */
    private static boolean fits(String ref, String type) {
        return ref == null || ref.equals(type) || ref.equals("ip-addr") && (type.equals("ipv4-addr") || type.equals("ipv6-addr"));
    }
}

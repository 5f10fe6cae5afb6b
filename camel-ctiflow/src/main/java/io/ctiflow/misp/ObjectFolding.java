package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.misp.MispRules.ObjectTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which MISP objects of an event fold into another's observable (object-templates.yaml {@code fold_into}): a pe
 * object referenced by a file object (either way round, whatever the relationship is called) joins the file's
 * windows-pebinary-ext, a pe-section referenced by that pe joins its sections. Built once per event.
 */
final class ObjectFolding {

    static final ObjectFolding NONE = new ObjectFolding(Map.of(), Set.of());

    private final Map<String, List<JsonNode>> children;
    private final Set<String> folded;

    private ObjectFolding(Map<String, List<JsonNode>> children, Set<String> folded) {
        this.children = children;
        this.folded = folded;
    }

    static ObjectFolding of(JsonNode objects, Map<String, ObjectTemplate> templates) {
        Map<String, JsonNode> byUuid = new HashMap<>();
        boolean any = false;
        for (JsonNode o : objects) {
            byUuid.put(o.path("uuid").asText(""), o);
            ObjectTemplate t = templates.get(o.path("name").asText(""));
            any |= t != null && t.foldInto() != null;
        }
        if (!any) {
            return NONE;
        }
        Map<String, List<JsonNode>> children = new HashMap<>();
        Set<String> folded = new HashSet<>();
        for (JsonNode o : objects) {
            for (JsonNode ref : o.path("ObjectReference")) {
                JsonNode other = byUuid.get(ref.path("referenced_uuid").asText(""));
                if (other == null || other == o) {
                    continue;
                }
                if (foldsInto(other, o, templates)) {
                    link(o, other, children, folded);
                } else if (foldsInto(o, other, templates)) {
                    link(other, o, children, folded);
                }
            }
        }
        return new ObjectFolding(children, folded);
    }

    private static boolean foldsInto(JsonNode child, JsonNode parent, Map<String, ObjectTemplate> templates) {
        ObjectTemplate t = templates.get(child.path("name").asText(""));
        return t != null && parent.path("name").asText("").equals(t.foldInto());
    }

    private static void link(JsonNode parent, JsonNode child, Map<String, List<JsonNode>> children, Set<String> folded) {
        String uuid = child.path("uuid").asText("");
        if (folded.add(uuid)) {
            children.computeIfAbsent(parent.path("uuid").asText(""), k -> new ArrayList<>()).add(child);
        }
    }

    /** True when the object is converted as part of another's observable. */
    boolean isFolded(JsonNode object) {
        return folded.contains(object.path("uuid").asText(""));
    }

    /** The objects folding into this one, their own folded objects after each (pe, then its sections). */
    List<JsonNode> descendants(JsonNode object) {
        List<JsonNode> out = new ArrayList<>();
        collect(object, out, new HashSet<>());
        return out;
    }

    private void collect(JsonNode object, List<JsonNode> out, Set<String> seen) {
        for (JsonNode child : children.getOrDefault(object.path("uuid").asText(""), List.of())) {
            if (seen.add(child.path("uuid").asText(""))) {
                out.add(child);
                collect(child, out, seen);
            }
        }
    }
}

package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.mapping.SchemaCheckedYaml;
import io.ctiflow.misp.MispRules.AttributeRule;
import io.ctiflow.misp.MispRules.Binary;
import io.ctiflow.misp.MispRules.GalaxyRule;
import io.ctiflow.misp.MispRules.ObjectTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three MISP mapping tables (attribute-types.yaml, object-templates.yaml, galaxies.yaml), checked
 * entry by entry at load time: a broken file fails with file, key and problem named. Read-only afterwards.
 */
final class MispMappings {

    static final Set<String> ATTRIBUTE_SDOS = Set.of("vulnerability", "campaign", "identity", "note", "external-reference", "indicator");
    static final Set<String> GALAXY_SDOS = Set.of("attack-pattern", "campaign", "course-of-action", "intrusion-set", "location",
            "malware", "threat-actor", "tool", "vulnerability", "sector");

    /** The SDOs a MISP object can describe (the others are observations of SCOs). */
    static final Set<String> OBJECT_SDOS = Set.of("identity", "attack-pattern", "course-of-action", "intrusion-set", "vulnerability");

    final Map<String, AttributeRule> attributeTypes = new HashMap<>();
    final Map<String, ObjectTemplate> objectTemplates = new HashMap<>();
    final Map<String, GalaxyRule> galaxies = new HashMap<>();
    /** MISP's to_ids default per attribute type (to-ids-defaults.yaml), for attributes that carry none. */
    final Map<String, Boolean> toIdsDefaults = new HashMap<>();
    final boolean unknownAsNote;
    /** STIX -> MISP: the order in which types sharing the same STIX paths are chosen (attribute-types.yaml stix_to_misp.preferred). */
    final List<String> preferred;
    /** The attribute-types.yaml file, for errors about the table read backwards. */
    final String attributeTypesFile;

    MispMappings(Path dir) {
        Path schemas = dir.toAbsolutePath().getParent().resolve("schema");
        JsonNode attributes = read(dir.resolve("attribute-types.yaml"), schemas.resolve("misp-attribute-types.schema.json"));
        final String file = dir.resolve("attribute-types.yaml").toString();
        String unknown = attributes.path("unknown_types").asText("");
        if (!unknown.equals("skip") && !unknown.equals("note")) {
            throw new MappingException(file, "unknown_types", "must be 'skip' or 'note', found '" + unknown + "'");
        }
        unknownAsNote = unknown.equals("note");
        entries(attributes, "types", file).forEach((type, e) -> attributeTypes.put(type, attributeRule(file, "types." + type, type, e)));
        attributeTypesFile = file;
        preferred = strings(file, "stix_to_misp.preferred", attributes.path("stix_to_misp").get("preferred"));
        for (String type : preferred) {
            if (!attributeTypes.containsKey(type)) {
                throw new MappingException(file, "stix_to_misp.preferred", "'" + type + "' is not a type of this table");
            }
        }

        String objectsFile = dir.resolve("object-templates.yaml").toString();
        entries(read(dir.resolve("object-templates.yaml"), schemas.resolve("misp-object-templates.schema.json")), "templates", objectsFile)
                .forEach((name, e) -> objectTemplates.put(name, objectTemplate(objectsFile, "templates." + name, name, e)));
        objectTemplates.values().stream().filter(t -> t.foldInto() != null).forEach(t -> {
            ObjectTemplate into = objectTemplates.get(t.foldInto());
            if (into == null || into.sco() == null || !into.sco().equals(t.sco())) {
                throw new MappingException(objectsFile, "templates." + t.name() + ".fold_into",
                        "'" + t.foldInto() + "' is not a template of the same observable type (" + t.sco() + ")");
            }
        });

        String galaxiesFile = dir.resolve("galaxies.yaml").toString();
        entries(read(dir.resolve("galaxies.yaml"), schemas.resolve("misp-galaxies.schema.json")), "galaxies", galaxiesFile)
                .forEach((type, e) -> galaxies.put(type, galaxyRule(galaxiesFile, "galaxies." + type, type, e)));

        JsonNode defaults = read(dir.resolve("to-ids-defaults.yaml"), schemas.resolve("misp-to-ids-defaults.schema.json"));
        defaults.path("defaults").fields().forEachRemaining(d -> toIdsDefaults.put(d.getKey(), d.getValue().asBoolean()));
    }

    /** The file checked against its schema in mappings/schema/ (same errors as every other mapping file). */
    private static JsonNode read(Path file, Path schema) {
        return new SchemaCheckedYaml(schema).read(file);
    }

    private static Map<String, JsonNode> entries(JsonNode doc, String key, String file) {
        if (!doc.path("version").isInt()) {
            throw new MappingException(file, "version", "missing or not an integer");
        }
        JsonNode table = doc.get(key);
        if (table == null || !table.isObject() || table.isEmpty()) {
            throw new MappingException(file, key, "missing or empty table");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        table.fields().forEachRemaining(e -> {
            if (!e.getValue().isObject()) {
                throw new MappingException(file, key + "." + e.getKey(), "must be a mapping");
            }
            out.put(e.getKey(), e.getValue());
        });
        return out;
    }

    private static AttributeRule attributeRule(String file, String key, String type, JsonNode e) {
        known(file, key, e, Set.of("sco", "fields", "composite", "pattern_only", "constants", "sdo", "property", "pattern_type", "skip", "personal_data", "report_reference", "binary", "pattern_constants", "examples"));
        List<String> personal = strings(file, key + ".personal_data", e.get("personal_data"));
        if (e.has("skip")) {
            return new AttributeRule(type, null, List.of(), false, null, null, null, null, text(file, key + ".skip", e.get("skip")), personal, false,
                    null, List.of());
        }
        if (e.has("sdo")) {
            String sdo = e.get("sdo").asText();
            if (!ATTRIBUTE_SDOS.contains(sdo)) {
                throw new MappingException(file, key + ".sdo", "unknown '" + sdo + "', expected one of " + ATTRIBUTE_SDOS);
            }
            if (sdo.equals("identity") && !Set.of("name", "contact_information").contains(e.path("property").asText())) {
                throw new MappingException(file, key + ".property", "an identity attribute needs property name or contact_information");
            }
            if (sdo.equals("indicator") && !e.path("pattern_type").isTextual()) {
                throw new MappingException(file, key + ".pattern_type", "missing for an indicator attribute");
            }
            return new AttributeRule(type, null, List.of(), false, null, sdo, e.path("property").asText(null),
                    e.path("pattern_type").asText(null), null, personal, false, null, List.of());
        }
        String sco = text(file, key + ".sco", e.get("sco"));
        JsonNode fieldsNode = e.get("fields");
        if (fieldsNode == null || !fieldsNode.isArray() || fieldsNode.isEmpty()) {
            throw new MappingException(file, key + ".fields", "an observable type needs at least one field");
        }
        int parts = type.contains("|") ? type.split("\\|").length : e.path("composite").asBoolean(false) ? 2 : 1;
        if (parts != fieldsNode.size()) {
            throw new MappingException(file, key + ".fields", "a composite type ('a|b' or composite: true) needs one field per '|' part, a simple type exactly one");
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < fieldsNode.size(); i++) {
            fields.add(field(file, key + ".fields[" + i + "]", "part" + i, sco, fieldsNode.get(i)));
        }
        ObjectNode constants = constants(file, key, e);
        return new AttributeRule(type, sco, List.copyOf(fields), e.path("pattern_only").asBoolean(false),
                constants, null, null, null, null, personal, e.path("report_reference").asBoolean(false),
                e.has("binary") ? binary(file, key + ".binary", sco, e.get("binary")) : null, patternConstants(file, key, sco, e, constants));
    }

    /** With pattern_constants: true, the (text) constants as values that also go into patterns (account_type of a github account). */
    private static List<ObservableBuilder.Value> patternConstants(String file, String key, String sco, JsonNode e, ObjectNode constants) {
        List<ObservableBuilder.Value> out = new ArrayList<>();
        if (e.path("pattern_constants").asBoolean(false)) {
            constants.fields().forEachRemaining(c -> {
                if (!c.getValue().isTextual()) {
                    throw new MappingException(file, key + ".constants." + c.getKey(), "a pattern constant must be a text");
                }
                out.add(new ObservableBuilder.Value(field(file, key + ".constants." + c.getKey(), c.getKey(), sco,
                        JsonNodeFactory.instance.objectNode().put("kind", "text").put("path", c.getKey())), c.getValue().asText()));
            });
        }
        return List.copyOf(out);
    }

    /** {path[, ref, constants]}: where an attribute's data goes (in the artifact ref, if any) and the constant properties beside it. */
    private static Binary binary(String file, String key, String sco, JsonNode b) {
        known(file, key, b, Set.of("path", "ref", "constants"));
        Field payload = field(file, key, "data", sco, binaryField("base64", text(file, key + ".path", b.get("path")), b));
        List<ObservableBuilder.Value> constants = new ArrayList<>();
        b.path("constants").fields().forEachRemaining(c -> constants.add(new ObservableBuilder.Value(
                field(file, key + ".constants." + c.getKey(), c.getKey(), sco, binaryField("text", c.getKey(), b)), c.getValue().asText())));
        return new Binary(payload, List.copyOf(constants));
    }

    private static ObjectNode binaryField(String kind, String path, JsonNode binary) {
        ObjectNode f = JsonNodeFactory.instance.objectNode().put("kind", kind).put("path", path);
        if (binary.hasNonNull("ref")) {
            f.put("ref", binary.get("ref").asText());
        }
        return f;
    }

    private static ObjectTemplate objectTemplate(String file, String key, String name, JsonNode e) {
        known(file, key, e, Set.of("sco", "sdo", "relations", "ignore", "constants", "personal_data", "skip", "examples", "fold_into", "standalone", "requires", "pattern_constants", "binaries"));
        List<String> personal = strings(file, key + ".personal_data", e.get("personal_data"));
        if (e.has("skip")) {
            return new ObjectTemplate(name, null, null, Map.of(), Map.of(), null, personal, text(file, key + ".skip", e.get("skip")), null, false, Map.of(), Map.of(), List.of());
        }
        String sdo = e.path("sdo").asText(null);
        if (sdo != null && !OBJECT_SDOS.contains(sdo)) {
            throw new MappingException(file, key + ".sdo", "objects map to an SCO or to one of " + OBJECT_SDOS + ", found '" + sdo + "'");
        }
        String sco = sdo != null ? sdo : text(file, key + ".sco", e.get("sco"));
        JsonNode relations = e.get("relations");
        if (relations == null || !relations.isObject() || relations.isEmpty()) {
            throw new MappingException(file, key + ".relations", "missing or empty");
        }
        Map<String, Field> fields = new HashMap<>();
        relations.fields().forEachRemaining(r -> fields.put(r.getKey(), field(file, key + ".relations." + r.getKey(), r.getKey(), sco, r.getValue())));
        Map<String, String> ignore = new HashMap<>();
        e.path("ignore").fields().forEachRemaining(r -> ignore.put(r.getKey(), text(file, key + ".ignore." + r.getKey(), r.getValue())));
        String foldInto = e.hasNonNull("fold_into") ? text(file, key + ".fold_into", e.get("fold_into")) : null;
        Map<String, Binary> binaries = new HashMap<>();
        e.path("binaries").fields().forEachRemaining(r -> binaries.put(r.getKey(), binary(file, key + ".binaries." + r.getKey(), sco, r.getValue())));
        Map<String, List<String>> requires = new LinkedHashMap<>();
        e.path("requires").fields().forEachRemaining(r -> requires.put(r.getKey(), strings(file, key + ".requires." + r.getKey(), r.getValue())));
        ObjectNode constants = constants(file, key, e);
        List<ObservableBuilder.Value> patternConstants = patternConstants(file, key, sco, e, constants);
        return new ObjectTemplate(name, sdo == null ? sco : null, sdo, Map.copyOf(fields), Map.copyOf(ignore), constants, personal, null,
                foldInto, e.path("standalone").asBoolean(false), Map.copyOf(binaries), Map.copyOf(requires), List.copyOf(patternConstants));
    }

    private static GalaxyRule galaxyRule(String file, String key, String type, JsonNode e) {
        known(file, key, e, Set.of("sdo", "mitre", "malware_types", "skip"));
        if (e.has("skip")) {
            return new GalaxyRule(type, null, false, List.of(), text(file, key + ".skip", e.get("skip")));
        }
        String sdo = text(file, key + ".sdo", e.get("sdo"));
        if (!GALAXY_SDOS.contains(sdo)) {
            throw new MappingException(file, key + ".sdo", "unknown '" + sdo + "', expected one of " + GALAXY_SDOS);
        }
        return new GalaxyRule(type, sdo, e.path("mitre").asBoolean(false), strings(file, key + ".malware_types", e.get("malware_types")), null);
    }

    private static Field field(String file, String key, String name, String sco, JsonNode f) {
        known(file, key, f, Set.of("kind", "path", "ref", "personal_data", "reference", "values"));
        String kindName = text(file, key + ".kind", f.get("kind"));
        ValueKind kind = ValueKind.byName(kindName);
        if (kind == null) {
            throw new MappingException(file, key + ".kind", "unknown kind '" + kindName + "'");
        }
        String path = text(file, key + ".path", f.get("path"));
        String ref = f.path("ref").asText(null);
        try {
            Field field = new Field(name, kind, sco, path, ref, f.path("personal_data").asText(null), f.path("reference").asText(null),
                    f.has("values") ? Set.copyOf(strings(file, key + ".values", f.get("values"))) : null);
            boolean nested = field.segments.size() == 3 && field.isList(0) && field.segments.get(1).endsWith("_ref");
            if (ref != null && !nested && (field.segments.size() < 2 || !Field.bare(field.segments.get(0)).matches(".*_refs?"))) {
                throw new MappingException(file, key + ".path", "a field with ref needs a path '<x>_ref.<property>', '<x>_refs[*].<property>'"
                        + " or '<list>[*].<x>_ref.<property>'");
            }
            return field;
        } catch (IllegalArgumentException e) {
            throw new MappingException(file, key + ".path", e.getMessage());
        }
    }

    private static ObjectNode constants(String file, String key, JsonNode e) {
        JsonNode c = e.get("constants");
        if (c == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!c.isObject()) {
            throw new MappingException(file, key + ".constants", "must be a mapping");
        }
        c.fieldNames().forEachRemaining(path -> {
            try {
                Field.split(path);
            } catch (IllegalArgumentException ex) {
                throw new MappingException(file, key + ".constants." + path, ex.getMessage());
            }
        });
        return (ObjectNode) c;
    }

    private static void known(String file, String key, JsonNode e, Set<String> allowed) {
        if (!e.isObject()) {
            throw new MappingException(file, key, "must be a mapping");
        }
        e.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new MappingException(file, key + "." + name, "unknown key (allowed: " + allowed + ")");
            }
        });
    }

    private static String text(String file, String key, JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MappingException(file, key, "missing or not a text");
        }
        return node.asText();
    }

    private static List<String> strings(String file, String key, JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new MappingException(file, key, "must be a list");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}

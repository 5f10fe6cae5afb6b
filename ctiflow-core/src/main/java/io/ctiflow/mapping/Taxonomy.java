package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The common taxonomy: its record fields (fields.yaml) and the RSIT classification (rsit.yaml). */
public final class Taxonomy {

    /** An RSIT incident type with its class and its STIX indicator types. */
    public record RsitType(String type, String rsitClass, List<String> indicatorTypes) {
        /** The machine tag, e.g. {@code rsit:malicious-code="c2-server"}. */
        public String machineTag() {
            return "rsit:" + rsitClass + "=\"" + type + "\"";
        }
    }

    private final Map<String, String> fieldTypes;
    private final Map<String, RsitType> rsit;

    private Taxonomy(Map<String, String> fieldTypes, Map<String, RsitType> rsit) {
        this.fieldTypes = fieldTypes;
        this.rsit = rsit;
    }

    /** Loads mappings/taxonomy/fields.yaml and rsit.yaml, each checked against its schema in mappings/schema/. */
    public static Taxonomy load(Path mappingsDir) {
        JsonNode f = new SchemaCheckedYaml(mappingsDir.resolve("schema/taxonomy-fields.schema.json"))
                .read(mappingsDir.resolve("taxonomy/fields.yaml"));
        JsonNode r = new SchemaCheckedYaml(mappingsDir.resolve("schema/taxonomy-rsit.schema.json"))
                .read(mappingsDir.resolve("taxonomy/rsit.yaml"));
        Map<String, String> fields = new LinkedHashMap<>();
        f.path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().path("type").asText()));
        Map<String, RsitType> rsit = new LinkedHashMap<>();
        r.path("types").fields().forEachRemaining(e -> {
            List<String> types = new ArrayList<>();
            e.getValue().path("indicator_types").forEach(t -> types.add(t.asText()));
            rsit.put(e.getKey(), new RsitType(e.getKey(), e.getValue().path("class").asText(), List.copyOf(types)));
        });
        return new Taxonomy(Collections.unmodifiableMap(fields), Collections.unmodifiableMap(rsit));
    }

    /** The declared type of a taxonomy field, "extra" for extra.*, or null when there is no such field. */
    public String fieldType(String field) {
        if (field.startsWith("extra.") && field.length() > 6) {
            return "extra";
        }
        return fieldTypes.get(field);
    }

    public Set<String> fields() {
        return fieldTypes.keySet();
    }

    public RsitType rsit(String type) {
        return rsit.get(type);
    }
}

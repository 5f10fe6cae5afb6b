package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctiflow.mapping.MappingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MISP's own object template definitions (mappings/misp/misp-object-definitions.json, extracted from
 * MISP/misp-objects): what a MISP object needs that object-templates.yaml does not say, because MISP → STIX
 * never needed it: the template's uuid, version and meta-category, and the MISP attribute type of each relation.
 */
final class MispObjectDefinitions {

    /** One template as MISP defines it; types: relation -> MISP attribute type. */
    record Definition(String name, String uuid, int version, String metaCategory, Map<String, String> types) {
    }

    static final String FILE = "misp-object-definitions.json";

    private final Map<String, Definition> byName = new HashMap<>();
    private final List<String> preferredTemplates = new ArrayList<>();
    private final List<String> preferredRelations = new ArrayList<>();

    MispObjectDefinitions(Path mispMappingsDir) {
        Path file = mispMappingsDir.resolve(FILE);
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new MappingException(file.toString(), "", "cannot read: " + e.getMessage());
        }
        JsonNode templates = doc.path("templates");
        doc.path("stix_to_misp").path("templates").forEach(t -> preferredTemplates.add(t.asText()));
        doc.path("stix_to_misp").path("relations").forEach(r -> preferredRelations.add(r.asText()));
        templates.fields().forEachRemaining(t -> {
            JsonNode d = t.getValue();
            String key = "templates." + t.getKey();
            if (!d.path("uuid").isTextual() || !d.path("version").canConvertToInt() || !d.path("meta-category").isTextual()
                    || !d.path("attributes").isObject()) {
                throw new MappingException(file.toString(), key, "needs uuid, version, meta-category and attributes (relation -> type)");
            }
            Map<String, String> types = new LinkedHashMap<>();
            d.path("attributes").fields().forEachRemaining(a -> types.put(a.getKey(), a.getValue().asText()));
            byName.put(t.getKey(), new Definition(t.getKey(), d.get("uuid").asText(), d.get("version").asInt(),
                    d.get("meta-category").asText(), Map.copyOf(types)));
        });
    }

    /** STIX -> MISP: the templates chosen first when several read as many values off an object. */
    List<String> preferredTemplates() {
        return List.copyOf(preferredTemplates);
    }

    /** STIX -> MISP: the relations tried first when several share one path (full-name before first-name on an identity's name). */
    List<String> preferredRelations() {
        return List.copyOf(preferredRelations);
    }

    /** The definition of a template, or null when MISP's extract lacks it (then no object of that template is written). */
    Definition get(String template) {
        return byName.get(template);
    }
}

package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.RecordRejected;

import java.util.Map;

/**
 * An attribute's to_ids: the flag it carries (true/false, 1/0, "1"/"0", "true"/"false"), or, when it carries
 * none, MISP's default for its type (mappings/misp/to-ids-defaults.yaml, MISP's describeTypes sane_defaults,
 * as PyMISP and so misp-stix apply it). Any other value is not read leniently: the attribute is rejected.
 */
final class ToIds {

    private final Map<String, Boolean> defaults;

    ToIds(Map<String, Boolean> defaults) {
        this.defaults = Map.copyOf(defaults);
    }

    boolean of(JsonNode attribute) throws RecordRejected {
        JsonNode flag = attribute.get("to_ids");
        if (flag == null || flag.isNull()) {
            return defaults.getOrDefault(attribute.path("type").asText(""), false);
        }
        if (flag.isBoolean()) {
            return flag.booleanValue();
        }
        String text = flag.isIntegralNumber() || flag.isTextual() ? flag.asText().trim() : "";
        return switch (text) {
            case "1", "true", "True" -> true;
            case "0", "false", "False" -> false;
            default -> throw new RecordRejected("to_ids is neither true nor false: '" + ValueKind.abbreviate(flag.toString()) + "'");
        };
    }
}

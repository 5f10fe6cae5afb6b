package io.ctiflow.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
/**
 * TLP 2.0 levels and their standard STIX marking-definition objects (as published by OASIS in
 * cti-stix-common-objects: fixed ids, created 2022-10-01, the TLP 2.0 property-extension).
 * Ordered from least to most restrictive.
 */
public enum Tlp {
    CLEAR("clear", "94868c89-83c2-464b-929b-a1a8aa3c8487"),
    GREEN("green", "bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
    AMBER("amber", "55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
    AMBER_STRICT("amber+strict", "939a9414-2ddd-4d32-a0cd-375ea402b003"),
    RED("red", "e828b379-4e03-4974-9ac4-e53a884c97c1");

    /** The OASIS extension-definition that carries the TLP 2.0 level inside a marking-definition. */
    public static final String TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    private static final String CREATED = "2022-10-01T00:00:00.000Z";

    private final String level;
    private final String markingId;

    Tlp(String level, String uuid) {
        this.level = level;
        this.markingId = "marking-definition--" + uuid;
    }

    /** e.g. {@code amber+strict} */
    public String level() {
        return level;
    }

    /** e.g. {@code TLP:AMBER+STRICT} */
    public String label() {
        return "TLP:" + level.toUpperCase(Locale.ROOT);
    }

    public String markingId() {
        return markingId;
    }

    public boolean isMoreRestrictiveThan(Tlp other) {
        return ordinal() > other.ordinal();
    }

    /** The marking-definition object exactly as the standard defines it. */
    public ObjectNode markingDefinition() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode md = f.objectNode();
        md.put("type", "marking-definition");
        md.put("spec_version", "2.1");
        md.put("id", markingId);
        md.put("created", CREATED);
        md.put("name", label());
        ObjectNode ext = md.putObject("extensions").putObject(TLP2_EXTENSION_ID);
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", level);
        return md;
    }

    /**
     * Reads a TLP level as feeds and MISP write it: {@code amber}, {@code TLP:AMBER}, {@code tlp:amber+strict},
     * {@code TLP 2.0: AMBER}; TLP 1.0's {@code white} is TLP 2.0's {@code clear}.
     */
    public static Optional<Tlp> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            s = s.substring(colon + 1).trim();
        }
        s = s.replace('_', '+').replace(' ', '+').replace("\"", "");
        return switch (s) {
            case "clear", "white" -> Optional.of(CLEAR);
            case "green" -> Optional.of(GREEN);
            case "amber" -> Optional.of(AMBER);
            case "amber+strict", "amberstrict", "amber-strict" -> Optional.of(AMBER_STRICT);
            case "red" -> Optional.of(RED);
            default -> Optional.empty();
        };
    }

    /** TLP 1.0 marking-definition ids from the STIX 2.1 specification (section 7.2.1.4), as their TLP 2.0 level. */
    private static final Map<String, Tlp> TLP1 = Map.of(
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", RED);

    /** The level of a standard TLP marking, 2.0 or 1.0 (WHITE reads as CLEAR). */
    public static Optional<Tlp> fromStandardMarkingId(String id) {
        Optional<Tlp> tlp2 = fromMarkingId(id);
        return tlp2.isPresent() ? tlp2 : Optional.ofNullable(TLP1.get(id));
    }

    /** Whether the id is one of the TLP 1.0 marking definitions. */
    public static boolean isTlp1MarkingId(String id) {
        return TLP1.containsKey(id);
    }

    /**
     * The standard marking-definition object published under this id: TLP 2.0 (OASIS common objects) or TLP 1.0
     * (STIX 2.1 section 7.2.1.4). Empty for any other id. These bodies are fixed: a different body under one of
     * these ids is not a definition ctiflow may forward.
     */
    public static Optional<ObjectNode> standardDefinition(String id) {
        Optional<Tlp> tlp2 = fromMarkingId(id);
        if (tlp2.isPresent()) {
            return Optional.of(tlp2.get().markingDefinition());
        }
        Tlp tlp1 = TLP1.get(id);
        if (tlp1 == null) {
            return Optional.empty();
        }
        String level = tlp1 == CLEAR ? "white" : tlp1.level();
        ObjectNode md = JsonNodeFactory.instance.objectNode();
        md.put("type", "marking-definition");
        md.put("spec_version", "2.1");
        md.put("id", id);
        md.put("created", "2017-01-20T00:00:00.000Z");
        md.put("definition_type", "tlp");
        md.put("name", "TLP:" + level.toUpperCase(Locale.ROOT));
        md.putObject("definition").put("tlp", level);
        return Optional.of(md);
    }

    /**
     * The TLP level a marking-definition's content states, whatever its id: TLP 1.0's {@code definition.tlp} or
     * TLP 2.0's {@code tlp_2_0} in an extension. Empty when the content states none, or a level that is not TLP.
     */
    public static Optional<Tlp> statedBy(JsonNode markingDefinition) {
        if ("tlp".equals(markingDefinition.path("definition_type").asText(null))) {
            JsonNode level = markingDefinition.path("definition").path("tlp");
            return level.isTextual() ? parse(level.asText()) : Optional.empty();
        }
        for (JsonNode extension : markingDefinition.path("extensions")) {
            JsonNode level = extension.path("tlp_2_0");
            if (level.isTextual()) {
                return parse(level.asText());
            }
        }
        return Optional.empty();
    }

    public static Optional<Tlp> fromMarkingId(String id) {
        for (Tlp tlp : values()) {
            if (tlp.markingId.equals(id)) {
                return Optional.of(tlp);
            }
        }
        return Optional.empty();
    }
}

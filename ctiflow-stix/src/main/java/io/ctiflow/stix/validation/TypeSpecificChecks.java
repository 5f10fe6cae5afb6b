package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.validation.StixRules.Category;

/** Rules that tie several properties of one type together and do not fit a table. */
final class TypeSpecificChecks {

    private final StixRules rules;

    TypeSpecificChecks(StixRules rules) {
        this.rules = rules;
    }

    void check(ObjectContext o) {
        if (o.type() == null) {
            return;
        }
        switch (o.type()) {
            case "indicator" -> checkIndicator(o);
            case "malware" -> {
                if (o.get("is_family") != null && o.get("is_family").asBoolean(false) && !o.has("name")) {
                    o.error("name", "required when is_family is true");
                }
            }
            case "observed-data" -> {
                if (o.has("objects")) {
                    o.warning("objects", "deprecated since STIX 2.1; use object_refs to SCOs in the bundle");
                }
            }
            case "extension-definition" -> checkExtensionDefinition(o);
            case "language-content" -> {
                if (o.has("contents") && !o.get("contents").isObject()) {
                    o.error("contents", "must be a dictionary of language tags to translated properties");
                }
            }
            case "email-message" -> checkEmailBody(o);
            case "network-traffic" -> {
                if (o.get("is_active") != null && o.get("is_active").asBoolean(false) && o.has("end")) {
                    o.error("end", "must not be present while is_active is true");
                }
            }
            default -> {
                // the remaining types have no cross-property rules beyond the table
            }
        }
    }

    private void checkIndicator(ObjectContext o) {
        String pattern = o.text("pattern");
        if (o.has("pattern") && pattern == null) {
            o.error("pattern", "must be a string");
        }
        if (!"stix".equals(o.text("pattern_type")) || pattern == null) {
            return;
        }
        JsonNode version = o.get("pattern_version");
        if (version != null && !"2.1".equals(version.asText())) {
            o.warning("pattern_version", "should be \"2.1\" for a STIX 2.1 pattern, not " + version);
        }
        try {
            for (String type : StixPatternParser.objectTypes(pattern)) {
                if (rules.category(type) != Category.SCO && !type.startsWith("x-")) {
                    o.warning("pattern", "object type '" + type + "' is not a STIX 2.1 cyber-observable type");
                }
            }
        } catch (PatternSyntaxException e) {
            o.error("pattern", e.getMessage());
        }
    }

    /** extension_properties only belongs to toplevel-property-extension definitions. */
    private static void checkExtensionDefinition(ObjectContext o) {
        JsonNode types = o.get("extension_types");
        boolean toplevel = false;
        if (types != null && types.isArray()) {
            for (JsonNode t : types) {
                toplevel |= "toplevel-property-extension".equals(t.asText());
            }
        } else if (types != null) {
            o.error("extension_types", "must be a list");
        }
        if (o.has("extension_properties") && !toplevel) {
            o.error("extension_properties", "only allowed when extension_types includes toplevel-property-extension");
        }
    }

    /** body belongs to single-part messages, body_multipart to multipart ones. */
    private static void checkEmailBody(ObjectContext o) {
        JsonNode multipart = o.get("is_multipart");
        if (multipart == null || !multipart.isBoolean()) {
            return;
        }
        if (multipart.asBoolean() && o.has("body")) {
            o.error("body", "must not be present when is_multipart is true (use body_multipart)");
        }
        if (!multipart.asBoolean() && o.has("body_multipart")) {
            o.error("body_multipart", "must not be present when is_multipart is false (use body)");
        }
    }
}

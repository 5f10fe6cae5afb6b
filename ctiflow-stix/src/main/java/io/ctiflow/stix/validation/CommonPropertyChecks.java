package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.validation.StixRules.Category;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The properties every STIX object shares (STIX 2.1 sections 3.1-3.3 and 7.3): type, id, spec_version,
 * property names, extensions, lang, external_references and kill_chain_phases.
 */
final class CommonPropertyChecks {

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-(?:0\\d{3}|[1-9]\\d{3,})");
    private static final Pattern CAPEC = Pattern.compile("CAPEC-\\d+");

    private final StixRules rules;

    CommonPropertyChecks(StixRules rules) {
        this.rules = rules;
    }

    void check(ObjectContext o) {
        checkType(o);
        checkId(o);
        if (o.type() != null) {
            checkSpecVersion(o);
        }
        checkPropertyNames(o);
        checkExtensions(o);
        if (o.has("lang")) {
            checkLanguageTag(o, "lang", o.get("lang"));
        }
        checkExternalReferences(o);
        checkKillChainPhases(o);
    }

    private static void checkType(ObjectContext o) {
        JsonNode type = o.get("type");
        if (type == null) {
            o.error("type", "required property is missing");
        } else if (!type.isTextual()) {
            o.error("type", "must be a string");
        } else if (!StixSyntax.isType(type.asText())) {
            o.error("type", "'" + type.asText() + "' is not a valid type (3-250 characters of a-z, 0-9 and '-',"
                    + " not starting or ending with '-')");
        }
    }

    private static void checkId(ObjectContext o) {
        JsonNode id = o.get("id");
        if (id == null) {
            o.error("id", "required property is missing");
        } else if (!id.isTextual()) {
            o.error("id", "must be a string");
        } else if (!StixSyntax.isIdentifier(id.asText())) {
            o.error("id", "'" + id.asText() + "' is not a valid identifier (expected <type>--<RFC 4122 UUID>)");
        } else if (o.type() != null && !StixSyntax.typeOf(id.asText()).equals(o.type())) {
            o.error("id", "id prefix '" + StixSyntax.typeOf(id.asText()) + "' does not match type '" + o.type() + "'");
        }
    }

    /** MUST on SDOs, SROs and meta objects; only SHOULD on cyber-observables. */
    private static void checkSpecVersion(ObjectContext o) {
        JsonNode version = o.get("spec_version");
        if (version == null) {
            // a custom object with created is SDO-like; without it, observable-like
            boolean required = o.category() != Category.SCO
                    && (o.category() != Category.CUSTOM || o.has("created"));
            if (required) {
                o.error("spec_version", "required property is missing (must be \"2.1\")");
            } else {
                o.warning("spec_version", "should be present and \"2.1\"");
            }
        } else if (!version.isTextual() || !version.asText().equals("2.1")) {
            o.error("spec_version", "must be \"2.1\" but is " + version);
        }
    }

    private static void checkPropertyNames(ObjectContext o) {
        for (Map.Entry<String, JsonNode> property : o.node().properties()) {
            String name = property.getKey();
            if (!name.equals("id") && !StixSyntax.isPropertyName(name)) {
                o.error(name, "invalid property name (3-250 characters of a-z, 0-9 and '_')");
            }
            // reference lists report their own emptiness
            if (property.getValue().isArray() && property.getValue().isEmpty() && !name.endsWith("_refs")) {
                o.error(name, "empty lists are not allowed; omit the property instead");
            }
        }
    }

    private void checkExtensions(ObjectContext o) {
        JsonNode extensions = o.get("extensions");
        if (extensions == null) {
            return;
        }
        if (!extensions.isObject() || extensions.isEmpty()) {
            o.error("extensions", "must be a non-empty dictionary");
            return;
        }
        for (Map.Entry<String, JsonNode> extension : extensions.properties()) {
            String key = extension.getKey();
            String property = "extensions." + key;
            JsonNode value = extension.getValue();
            if (StixSyntax.isExtensionDefinitionKey(key)) {
                JsonNode extensionType = value.get("extension_type");
                if (!value.isObject()) {
                    o.error(property, "must be an object");
                } else if (extensionType == null) {
                    o.error(property + ".extension_type", "required property is missing");
                } else if (!rules.vocabulary("extension-type-enum").contains(extensionType.asText())) {
                    o.error(property + ".extension_type", "'" + extensionType.asText()
                            + "' is not one of " + String.join(", ", rules.vocabulary("extension-type-enum")));
                }
            } else if (StixSyntax.isPredefinedExtensionKey(key)) {
                if (!value.isObject() || value.isEmpty()) {
                    o.error(property, "must be a non-empty object");
                }
            } else {
                o.error(property, "extension keys must be an extension-definition id or a predefined name ending"
                        + " in '-ext'");
            }
        }
    }

    static void checkLanguageTag(ObjectContext o, String property, JsonNode tag) {
        if (!tag.isTextual() || !StixSyntax.isLanguageTag(tag.asText())) {
            o.error(property, tag + " is not an RFC 5646 language tag (e.g. \"en\", \"de-CH\")");
        }
    }

    private static void checkExternalReferences(ObjectContext o) {
        JsonNode references = o.get("external_references");
        if (references == null) {
            return;
        }
        if (!references.isArray()) {
            o.error("external_references", "must be a list");
            return;
        }
        for (int i = 0; i < references.size(); i++) {
            JsonNode ref = references.get(i);
            String property = "external_references[" + i + "]";
            if (!ref.isObject()) {
                o.error(property, "must be an object");
                continue;
            }
            String source = ref.path("source_name").isTextual() ? ref.get("source_name").asText() : null;
            String externalId = ref.path("external_id").isTextual() ? ref.get("external_id").asText() : null;
            if (source == null) {
                o.error(property + ".source_name", "required property is missing");
            }
            if (!ref.has("description") && !ref.has("url") && externalId == null) {
                o.error(property, "needs at least one of description, url or external_id besides source_name");
            }
            if ("cve".equals(source) && (externalId == null || !CVE.matcher(externalId).matches())) {
                o.error(property + ".external_id", "must be a CVE id such as CVE-2016-1234 when source_name is cve");
            }
            if ("capec".equals(source) && (externalId == null || !CAPEC.matcher(externalId).matches())) {
                o.error(property + ".external_id", "must be a CAPEC id such as CAPEC-148 when source_name is capec");
            }
        }
    }

    private static void checkKillChainPhases(ObjectContext o) {
        JsonNode phases = o.get("kill_chain_phases");
        if (phases == null) {
            return;
        }
        if (!phases.isArray()) {
            o.error("kill_chain_phases", "must be a list");
            return;
        }
        for (int i = 0; i < phases.size(); i++) {
            JsonNode phase = phases.get(i);
            String property = "kill_chain_phases[" + i + "]";
            if (!phase.isObject()) {
                o.error(property, "must be an object");
                continue;
            }
            for (String field : new String[] {"kill_chain_name", "phase_name"}) {
                JsonNode value = phase.get(field);
                if (value == null || !value.isTextual()) {
                    o.error(property + "." + field, value == null ? "required property is missing" : "must be a string");
                } else if (!StixSyntax.isLowercaseHyphenated(value.asText())) {
                    o.warning(property + "." + field, "'" + value.asText()
                            + "' should be lowercase words joined by hyphens");
                }
            }
        }
    }
}

package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Values whose encoding the property name fixes, wherever they sit in an object (STIX 2.1 sections 2.3,
 * 2.7 and 2.8): {@code hashes} dictionaries, {@code *_hex} hex strings and {@code *_bin} base64 strings.
 */
final class EncodedValueChecks {

    private final StixRules rules;

    EncodedValueChecks(StixRules rules) {
        this.rules = rules;
    }

    void check(ObjectContext o) {
        walk(o, "", o.node());
    }

    private void walk(ObjectContext o, String path, JsonNode node) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(o, path + "[" + i + "]", node.get(i));
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            String at = path.isEmpty() ? name : path + "." + name;
            JsonNode value = property.getValue();
            if (name.equals("hashes")) {
                checkHashes(o, at, value);
            } else if (name.endsWith("_hex") && !(value.isTextual() && StixSyntax.isHex(value.asText()))) {
                o.error(at, value + " is not a hex string (an even number of hexadecimal digits)");
            } else if (name.endsWith("_bin") && !(value.isTextual() && StixSyntax.isBase64(value.asText()))) {
                o.error(at, "is not a base64 string");
            } else {
                walk(o, at, value);
            }
        }
    }

    private void checkHashes(ObjectContext o, String at, JsonNode hashes) {
        if (!hashes.isObject() || hashes.isEmpty()) {
            o.error(at, "must be a non-empty dictionary of hash values");
            return;
        }
        for (Map.Entry<String, JsonNode> hash : hashes.properties()) {
            String algorithm = hash.getKey();
            String property = at + "." + algorithm;
            JsonNode value = hash.getValue();
            if (!StixSyntax.isHashAlgorithmName(algorithm)) {
                o.error(property, "invalid hash algorithm name (3-250 characters of a-z, A-Z, 0-9, '_' and '-')");
            } else if (!value.isTextual()) {
                o.error(property, "must be a string");
            } else if (rules.isMalformedHash(algorithm, value.asText())) {
                o.error(property, "'" + value.asText() + "' is not a valid " + algorithm + " hash");
            } else if (!rules.hashAlgorithms().contains(algorithm) && rules.canonicalHashName(algorithm) != null) {
                o.warning(property, "hash algorithm should be written '" + rules.canonicalHashName(algorithm) + "'");
            }
        }
    }
}

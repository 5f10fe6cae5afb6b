package io.ctiflow.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The properties STIX requires per object type (from stix-required-properties.yaml). */
final class RequiredProperties {

    private static final Set<String> COMMON = Set.of("type", "id", "spec_version", "created", "modified");
    private static final Map<String, List<String>> TABLE = load();

    private RequiredProperties() {
    }

    static boolean isRequired(String type, String property) {
        return COMMON.contains(property) || TABLE.getOrDefault(type, List.of()).contains(property);
    }

    private static Map<String, List<String>> load() {
        try (InputStream in = RequiredProperties.class.getResourceAsStream("stix-required-properties.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<Map<String, List<String>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stix-required-properties.yaml", e);
        }
    }
}

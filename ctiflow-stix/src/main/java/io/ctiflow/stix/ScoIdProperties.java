package io.ctiflow.stix;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The id-contributing properties of each cyber-observable type, read from the spec table in sco-id-properties.yaml. */
final class ScoIdProperties {

    private static final Map<String, List<String>> TABLE = load();

    private ScoIdProperties() {
    }

    static List<String> forType(String type) {
        List<String> properties = TABLE.get(type);
        if (properties == null) {
            throw new IllegalArgumentException("not a STIX 2.1 cyber-observable type: " + type);
        }
        return properties;
    }

    static boolean isObservableType(String type) {
        return TABLE.containsKey(type);
    }

    private static Map<String, List<String>> load() {
        try (InputStream in = ScoIdProperties.class.getResourceAsStream("sco-id-properties.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<Map<String, List<String>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sco-id-properties.yaml", e);
        }
    }
}

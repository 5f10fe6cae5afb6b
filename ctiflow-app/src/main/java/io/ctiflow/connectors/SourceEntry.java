package io.ctiflow.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The entry a connector's source needs in {@code policies/sources.yaml}: without one the jurisdiction
 * filter withholds every object the connector delivers (its sharing terms are unknown). Named
 * after the source the objects carry: the mapping's name, or {@code source:} of connector-test.yaml.
 */
public final class SourceEntry {

    public static final String SOURCES_FILE = "sources.yaml";

    private SourceEntry() {
    }

    /** The sources {@code <policies>/sources.yaml} configures; none when the file is missing. */
    public static Set<String> configured(Path policies) {
        Path file = policies.resolve(SOURCES_FILE);
        Set<String> names = new LinkedHashSet<>();
        if (!Files.isRegularFile(file)) {
            return names;
        }
        try {
            JsonNode doc = new YAMLMapper().readTree(file.toFile());
            if (doc != null) {
                doc.path("sources").fieldNames().forEachRemaining(names::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return names;
    }

    /**
     * The lines to add under {@code sources:}, restrictive until the vendor and operator say more:
     * objects without a TLP marking count as amber, which no destination receives until
     * {@code amber_to} names it.
     */
    public static String yaml(String source, String title) {
        return """
                  %s:
                    name: %s
                    default_tlp: amber   # TLP of objects that carry none; keys: see the top of sources.yaml
                """.formatted(source, title);
    }
}

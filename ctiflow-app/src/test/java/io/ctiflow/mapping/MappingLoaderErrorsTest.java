package io.ctiflow.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken mapping file fails at load time, naming the file, the key and the problem. */
class MappingLoaderErrorsTest {

    private static final String GOOD_HEAD = """
            mapping: broken
            version: 1
            format: csv
            csv:
              columns: [ip, seen]
            """;

    @TempDir
    Path dir;

    private final MappingLoader loader = new MappingLoader(Path.of("mappings"));

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void unknownColumn() throws IOException {
        Path file = write(GOOD_HEAD + "fields:\n  observable.value: {from: ipp}\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(MappingException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("fields.observable.value.from")
                .hasMessageContaining("no column 'ipp'");
    }

    @Test
    void unknownTaxonomyField() throws IOException {
        Path file = write(GOOD_HEAD + "fields:\n  observable.value: {from: ip}\n  observable.colour: {constant: red}\n");
        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("fields.observable.colour")
                .hasMessageContaining("not a field of the common taxonomy");
    }

    @Test
    void invalidRegex() throws IOException {
        Path file = write(GOOD_HEAD + "fields:\n  observable.value: {from: ip, transforms: [{regex: \"([a-z\"}]}\n");
        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("fields.observable.value.transforms[0].regex")
                .hasMessageContaining("invalid regular expression");
    }

    @Test
    void invalidDateFormatAndZone() throws IOException {
        Path format = write(GOOD_HEAD + "fields:\n  observable.value: {from: ip}\n  time.first_seen: {from: seen, transforms: [{date: {format: \"yyyy-MM-dd QQQQQQ\"}}]}\n");
        assertThatThrownBy(() -> loader.load(format)).hasMessageContaining("fields.time.first_seen.transforms[0].date.format");
        Path zone = write(GOOD_HEAD + "fields:\n  observable.value: {from: ip}\n  time.first_seen: {from: seen, transforms: [{date: {format: yyyy, zone: Mars/Olympus}}]}\n");
        assertThatThrownBy(() -> loader.load(zone)).hasMessageContaining("date.zone").hasMessageContaining("Mars/Olympus");
    }

    @Test
    void missingLookupTable() throws IOException {
        Path file = write(GOOD_HEAD + "fields:\n  observable.value: {from: ip}\n  classification.type: {from: seen, transforms: [{lookup: kinds}]}\n");
        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("no lookup table 'kinds'");
    }

    @Test
    void unknownTransformIsASchemaError() throws IOException {
        Path file = write(GOOD_HEAD + "fields:\n  observable.value: {from: ip, transforms: [reverse]}\n");
        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("feed-mapping.schema.json")
                .hasMessageContaining("$.fields.observable.value.transforms[0]");
    }

    @Test
    void missingObservableAndBadYaml() throws IOException {
        Path none = write(GOOD_HEAD + "fields:\n  description: {constant: x}\n");
        assertThatThrownBy(() -> loader.load(none)).hasMessageContaining("observable.value must be mapped");
        Path yaml = write("mapping: [unclosed\n");
        assertThatThrownBy(() -> loader.load(yaml)).hasMessageContaining("not valid YAML");
    }

    @Test
    void brokenTaxonomyAndStixMappingFilesAreCaughtByTheirSchemas() throws IOException {
        Path mappings = dir.resolve("mappings");
        for (String sub : new String[] {"schema", "taxonomy", "stix"}) {
            Files.createDirectories(mappings.resolve(sub));
            try (var files = Files.list(Path.of("mappings", sub))) {
                for (Path f : files.toList()) {
                    Files.copy(f, mappings.resolve(sub).resolve(f.getFileName()));
                }
            }
        }
        Path rsit = mappings.resolve("taxonomy/rsit.yaml");
        Files.writeString(rsit, Files.readString(rsit).replace("c2-server: {class: malicious-code, indicator_types: [malicious-activity]}",
                "c2-server: {class: malicious-code, indicator_types: [evil]}"));
        assertThatThrownBy(() -> new MappingLoader(mappings)).isInstanceOf(MappingException.class)
                .hasMessageContaining("rsit.yaml").hasMessageContaining("taxonomy-rsit.schema.json").hasMessageContaining("c2-server");

        Files.copy(Path.of("mappings/taxonomy/rsit.yaml"), rsit, StandardCopyOption.REPLACE_EXISTING);
        Path stix = mappings.resolve("stix/taxonomy-to-stix.yaml");
        Files.writeString(stix, Files.readString(stix).replace("pattern: \"[url:value = {value}]\"", "pattern: \"[url:value = 'x']\""));
        MappingLoader loader = new MappingLoader(mappings);
        assertThatThrownBy(() -> new TaxonomyToStix(stix, loader.taxonomy())).isInstanceOf(MappingException.class)
                .hasMessageContaining("taxonomy-to-stix.yaml").hasMessageContaining("$.kinds.url.pattern");
    }
}

package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctiflow.feed.CsvRecordReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs the worked examples every mapping file carries, so the files' documentation cannot drift from behaviour. */
class MappingExamplesTest {

    private static final Path MAPPINGS = Path.of("mappings");

    @TestFactory
    List<DynamicTest> everyMappingFileExampleHolds() throws Exception {
        MappingLoader loader = new MappingLoader(MAPPINGS);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = loader.allMappingFiles();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("urlhaus.yaml", "urlhaus-country.yaml", "feodotracker.yaml", "sslbl.yaml", "cert-eu.yaml");
        for (Path file : files) {
            FeedMapping mapping = loader.load(file);
            JsonNode examples = yaml.readTree(Files.newBufferedReader(file)).path("examples");
            assertThat(examples.size()).as(file + " has worked examples").isPositive();
            for (int i = 0; i < examples.size(); i++) {
                JsonNode example = examples.get(i);
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " example " + (i + 1), () -> check(mapping, example)));
            }
        }
        return tests;
    }

    private static void check(FeedMapping mapping, JsonNode example) throws Exception {
        SourceRecord record = record(mapping, example.get("input"));
        if (example.has("reject")) {
            assertThatThrownBy(() -> mapping.map(record)).isInstanceOf(RecordRejected.class)
                    .hasMessageContaining(example.get("reject").asText());
            return;
        }
        TaxonomyRecord mapped = mapping.map(record).get(0);
        var expected = example.get("expect").fields();
        while (expected.hasNext()) {
            var e = expected.next();
            Object actual = mapped.get(e.getKey());
            if (e.getValue().isArray()) {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                assertThat(actual).as(e.getKey()).isEqualTo(values);
            } else {
                assertThat(actual).as(e.getKey()).isEqualTo(e.getValue().asText());
            }
        }
    }

    private static SourceRecord record(FeedMapping mapping, JsonNode input) throws Exception {
        if (mapping.csv() == null) {
            // a nested layout's example is the outer record with its inner array; the first inner element is checked
            return mapping.json().records(input, "example", 1).get(0);
        }
        var layout = mapping.csv();
        var noHeader = new FeedMapping.CsvLayout(layout.delimiter(), layout.comment(), layout.quote(), false,
                layout.columns(), layout.lenientColumns());
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader(input.asText() + "\n"), "example", noHeader)) {
            return reader.next();
        }
    }
}

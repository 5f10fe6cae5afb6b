package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.feed.MappingExamples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the worked examples every mapping file carries, so the files' documentation cannot drift from behaviour. */
class MappingExamplesTest {

    private static final Path MAPPINGS = Path.of("mappings");

    @TestFactory
    List<DynamicTest> everyMappingFileExampleHolds() throws Exception {
        MappingLoader loader = new MappingLoader(MAPPINGS);
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = loader.allMappingFiles();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("urlhaus.yaml", "urlhaus-country.yaml", "feodotracker.yaml", "sslbl.yaml", "cert-eu.yaml");
        for (Path file : files) {
            FeedMapping mapping = loader.load(file);
            JsonNode examples = MappingExamples.of(file);
            assertThat(examples.size()).as(file + " has worked examples").isPositive();
            for (int i = 0; i < examples.size(); i++) {
                JsonNode example = examples.get(i);
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " example " + (i + 1),
                        () -> assertThat(MappingExamples.difference(mapping, example)).as(file + ": " + example).isNull()));
            }
        }
        return tests;
    }

    @Test
    void anExampleThatDoesNotHoldIsNamedWithTheDifference(@TempDir Path dir) throws Exception {
        String urlhaus = Files.readString(MAPPINGS.resolve("csv/urlhaus.yaml"));
        assertThat(urlhaus).contains("      observable.kind: url\n");
        Path file = dir.resolve("urlhaus.yaml");
        Files.writeString(file, urlhaus.replaceFirst("  - input: ", "  - name: first URL\n    input: ")
                .replaceFirst("      observable.kind: url\n", "      observable.kind: ipv4\n"));
        FeedMapping mapping = new MappingLoader(MAPPINGS).load(file);

        assertThat(MappingExamples.check(file, mapping)).extracting(MappingExamples.Failure::toString)
                .containsExactly("first URL: observable.kind: expected ipv4, got url");
    }
}

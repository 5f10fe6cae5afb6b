package io.ctiflow.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ctiflow.ops.BuildVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What Camel JBang and Kamelet catalogs learn from a Kamelet's dependencies: everything its template uses. */
class KameletDependenciesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theShippedUrlhausKameletDeclaresWhatItUses() throws Exception {
        Path file = Path.of("connectors/abusech-urlhaus-source/abusech-urlhaus-source.kamelet.yaml");
        assertThat(KameletDependencies.check(file.getFileName().toString(), YAML.readTree(file.toFile()))).isEmpty();
    }

    @Test
    void aMissingComponentTheOldArtifactAndAnotherReleaseAreEachNamed() throws Exception {
        JsonNode kamelet = YAML.readTree("""
                spec:
                  dependencies:
                    - "camel:kamelet"
                    - "mvn:io.ctiflow:ctiflow"
                    - "mvn:io.ctiflow:camel-ctiflow:0.0.1"
                  template:
                    beans:
                      - name: fetcher
                        type: "#class:io.ctiflow.connectors.http.HttpFeedFetcher"
                    from:
                      uri: "timer:x"
                      steps:
                        - bean:
                            ref: "{{fetcher}}"
                            method: fetch
                        - to: "kamelet:sink"
                """);
        assertThat(KameletDependencies.check("x.kamelet.yaml", kamelet)).containsExactlyInAnyOrder(
                "x.kamelet.yaml: spec.dependencies: 'camel:bean' is missing (the template uses it)",
                "x.kamelet.yaml: spec.dependencies: 'camel:timer' is missing (the template uses it)",
                "x.kamelet.yaml: spec.dependencies: 'mvn:io.ctiflow:camel-ctiflow:0.0.1' but this is ctiflow " + BuildVersion.current()
                        + ": 'mvn:io.ctiflow:camel-ctiflow:" + BuildVersion.current() + "'",
                "x.kamelet.yaml: spec.dependencies: 'mvn:io.ctiflow:ctiflow' is no ctiflow artifact; the components are mvn:io.ctiflow:camel-ctiflow:<version>");
    }

    @Test
    void everyShippedKameletNamesThisRelease() throws Exception {
        try (var dirs = Files.list(Path.of("connectors"))) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("_")).toList()) {
                Path file = dir.resolve(dir.getFileName() + ".kamelet.yaml");
                if (Files.exists(file)) {
                    assertThat(Files.readString(file)).as(file.toString()).contains("mvn:io.ctiflow:camel-ctiflow:" + BuildVersion.current());
                }
            }
        }
    }
}

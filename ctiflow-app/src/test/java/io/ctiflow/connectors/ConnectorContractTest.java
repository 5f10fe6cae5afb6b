package io.ctiflow.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.feed.Mappings;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.StixAssertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector contract (docs/connector-rules.md) for every folder under connectors/: one container per
 * connector, with its lint and one test per sample of its connector-test.yaml (counts, reject
 * reasons, STIX checked by both oracles). Adding a folder adds its tests.
 */
class ConnectorContractTest {

    private static final Path CONNECTORS = Path.of("connectors");
    private static final ConnectorCheck CHECK = new ConnectorCheck(new Mappings(Path.of("mappings")), Path.of("policies"));

    @TestFactory
    List<DynamicNode> everyConnectorKeepsTheContract() {
        List<Path> dirs = ConnectorCheck.connectorDirs(CONNECTORS);
        assertThat(dirs).as("connector folders under " + CONNECTORS).isNotEmpty();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path dir : dirs) {
            nodes.add(DynamicContainer.dynamicContainer(dir.getFileName().toString(), tests(dir)));
        }
        return nodes;
    }

    private static List<DynamicNode> tests(Path dir) {
        ConnectorCheck.Report report = CHECK.check(dir);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("lint", () -> assertThat(report.lint()).as(dir + ": folder and Kamelet lint").isEmpty()));
        for (ConnectorCheck.SampleResult sample : report.samples()) {
            tests.add(DynamicTest.dynamicTest("sample " + sample.name(), () -> {
                assertThat(sample.problems()).as(dir + " " + sample.summary()).isEmpty();
                for (Reject r : sample.rejects()) {
                    String line = ConnectorCheck.describe(report.connector(), r);
                    assertThat(line).as("a reject names connector, record and problem")
                            .startsWith(report.connector() + ": " + report.connector() + "/samples/")
                            .contains(":" + r.line() + ": ").contains(r.reason()).contains("(record: ");
                }
                int i = 0;
                for (JsonNode bundle : sample.bundles()) {
                    StixAssertions.assertValidBundle(bundle, dir + " " + sample.name() + " bundle " + ++i);
                }
            }));
        }
        return tests;
    }
}

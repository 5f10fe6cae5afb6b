package io.ctiflow.connectors;

import io.ctiflow.app.CtiflowCli;
import io.ctiflow.feed.Mappings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** ctiflow connector new|test, and the lint catching what the contract forbids. */
class ConnectorCommandTest {

    record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CtiflowCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shippedConnectorsPassWithOneLinePerSample() {
        Run run = cli("connector", "test", "connectors/abusech-urlhaus-source", "connectors/abusech-threatfox-source");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("abusech-urlhaus-source: ok")
                .contains("  recent: 10 records, 10 objects {extension-definition=1, identity=2, indicator=6, marking-definition=1}, 4 rejects, STIX valid - ok")
                .contains("  truncated: input failed: ").contains("invalid JSON after record 4");
    }

    @Test
    void scaffoldedConnectorIsUnfinishedUntilEveryPlaceholderIsFilledIn(@TempDir Path dir) throws IOException {
        for (String format : new String[] {"csv", "json"}) {
            String name = "acme-ioc-" + format + "-source";
            Run created = cli("connector", "new", name, "--format", format, "--dir", dir.toString());
            assertThat(created.exit()).as(created.err()).isZero();
            assertThat(created.out()).contains("source 'acme-ioc-" + format + "'").contains("policies/sources.yaml")
                    .contains("  acme-ioc-" + format + ":\n    name: Acme Ioc " + format.substring(0, 1).toUpperCase() + format.substring(1) + "\n");
            Path connector = dir.resolve(name);
            assertThat(connector).isDirectoryContaining("glob:**/" + name + ".kamelet.yaml")
                    .isDirectoryContaining("glob:**/mapping.yaml").isDirectoryContaining("glob:**/connector-test.yaml")
                    .isDirectoryContaining("glob:**/README.md");

            Run unfinished = cli("connector", "test", "--rejects", connector.toString());
            assertThat(unfinished.exit()).as(unfinished.out()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
            assertThat(unfinished.out()).contains(name + ": FAILED")
                    .contains("lint: " + name + ".kamelet.yaml:").contains("lint: mapping.yaml:").contains("lint: README.md:")
                    .contains("lint: samples/SOURCE.md:").contains("lint: samples/good.input." + format + ":")
                    .contains("no entry for source 'acme-ioc-" + format + "'")
                    .contains("  good: 2 records, 6 objects").contains("  malformed: 3 records, 5 objects")
                    .contains("rejected " + name + ": " + name + "/samples/malformed.input." + format);
            assertThat(placeholderLines(unfinished.out())).as("every reported line holds a placeholder").isNotEmpty()
                    .allSatisfy(at -> assertThat(Files.readAllLines(connector.resolve(at[0])).get(Integer.parseInt(at[1]) - 1)).contains("TODO"));

            fillIn(connector);
            Path policies = dir.resolve("policies-" + format);
            Files.createDirectories(policies);
            String entry = created.out().substring(created.out().indexOf("  acme-ioc-" + format + ":"));
            Files.writeString(policies.resolve("sources.yaml"), Files.readString(Path.of("policies/sources.yaml")) + entry);
            ConnectorCheck.Report filled = new ConnectorCheck(new Mappings(Path.of("mappings")), policies).check(connector);
            assertThat(filled.lint()).as("lint of the filled-in " + name).isEmpty();
            assertThat(filled.samples()).allMatch(ConnectorCheck.SampleResult::ok, "every sample ok");
        }
        Run again = cli("connector", "new", "acme-ioc-csv-source", "--dir", dir.toString());
        assertThat(again.exit()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(again.err()).contains("exists");
        assertThat(cli("connector", "new", "AcmeFeed", "--dir", dir.toString()).err()).contains("<system>-<feed>-<kind>");
    }

    /** {file, line} of every "lint: <file>:<line>: placeholder ..." line of the output. */
    private static List<String[]> placeholderLines(String out) {
        List<String[]> at = new ArrayList<>();
        Matcher m = Pattern.compile("lint: ([^:\\s]+):(\\d+): placeholder from the scaffold").matcher(out);
        while (m.find()) {
            at.add(new String[] {m.group(1), m.group(2)});
        }
        return at;
    }

    /** What a vendor does with every placeholder: replaces it with the real thing (here: drops the marker). */
    private static void fillIn(Path connector) throws IOException {
        try (Stream<Path> files = Files.walk(connector)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(f, Files.readString(f).replaceAll("TODO:? ?", ""));
            }
        }
    }

    @Test
    void scaffoldedKameletWithoutFailureHandlingOrWithAWrongExampleFails(@TempDir Path dir) throws IOException {
        assertThat(cli("connector", "new", "acme-ioc-csv-source", "--dir", dir.toString()).exit()).isZero();
        Path c = dir.resolve("acme-ioc-csv-source");
        Path kamelet = c.resolve("acme-ioc-csv-source.kamelet.yaml");
        String k = Files.readString(kamelet);
        String unguarded = k.substring(0, k.indexOf("        - doTry:")) + """
                        - bean:
                            ref: "{{fetcher}}"
                            method: fetch
                """ + k.substring(k.indexOf("        - filter:"));
        Files.writeString(kamelet, unguarded);
        Path mapping = c.resolve("mapping.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("observable.kind: ipv4", "observable.kind: ipv6"));

        Run run = cli("connector", "test", c.toString());
        assertThat(run.exit()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(run.out())
                .contains("the fetch (bean {{fetcher}}) must be inside a doTry whose doCatch sends the failure to {{failureUri}}")
                .contains("mapping.yaml: examples: an IPv4 address: observable.kind: expected ipv6, got ipv4");
    }

    @Test
    void brokenConnectorFailsWithEveryProblemNamed(@TempDir Path dir) throws IOException {
        assertThat(cli("connector", "new", "acme-ioc-csv-source", "--dir", dir.toString()).exit()).isZero();
        Path c = dir.resolve("acme-ioc-csv-source");
        Path kamelet = c.resolve("acme-ioc-csv-source.kamelet.yaml");
        String k = Files.readString(kamelet)
                .replace("title: Acme Ioc Csv Source", "title: Acme IOC feed")
                .replace("title: Poll Period", "title: poll period")
                .replace("        description: Where the feed is downloaded from.\n", "")
                .replace("      period:\n", "      token:\n        title: Token\n        description: API token.\n        type: string\n        example: x\n      period:\n")
                .replace("uri: \"timer:acme-ioc-csv-source\"", "uri: \"timer:{{name}}\"");
        Files.writeString(kamelet, k);
        Files.writeString(c.resolve("connector-test.yaml"), Files.readString(c.resolve("connector-test.yaml")).replace("rejects: 2", "rejects: 1"));
        Files.delete(c.resolve("samples/SOURCE.md"));
        Run run = cli("connector", "test", c.toString());
        assertThat(run.exit()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(run.out()).contains("acme-ioc-csv-source: FAILED")
                .contains("lint: samples/SOURCE.md: missing")
                .contains("title 'Acme IOC feed' must end with Source")
                .contains("property 'period': title 'poll period' is not Title-Cased")
                .contains("property 'url': no description")
                .contains("property 'token': a credential needs format: password")
                .contains("property 'token' is declared but never used")
                .contains("uses {{name}}, which is not a declared property")
                .contains("malformed: 3 records, 5 objects").contains("FAILED: rejects: expected 1, got 2")
                .contains("rejected acme-ioc-csv-source: acme-ioc-csv-source/samples/malformed.input.csv:");
    }
}

package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: exit codes, one readable line per problem, no stack traces unless asked. */
class CliTest {

    private static final Path DATA = Path.of("ctiflow-app/src/test/resources/data/csv");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CtiflowCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "convert", "validate", "mappings", "bench", "publish", "poll"})
    void everyCommandHasHelp(String command) {
        Run run = run(command, "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: ctiflow " + command);
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Run run = run("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("run", "demo", "convert", "validate");
    }

    @Test
    void convertWritesAValidBundleAndSummarises() throws IOException {
        Path out = tmp.resolve("feodo.json");
        Run run = run("convert", "--mapping", "feodotracker", DATA.resolve("abusech-feodotracker-ipblocklist.csv").toString(), "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("28 records read").contains("0 rejected");
        JsonNode bundle = Stix.mapper().readTree(out.toFile());
        StixAssertions.assertValidBundle(bundle, "convert output");
        assertThat(bundle.path("objects").findValuesAsText("type")).filteredOn("indicator"::equals).hasSize(28);
        assertThat(run("validate", out.toString()).code()).isZero();
    }

    @Test
    void convertListsRejectsAndStrictFails() throws IOException {
        Path out = tmp.resolve("urlhaus.json");
        Run run = run("convert", "--strict", "-m", "mappings/csv/urlhaus.yaml", DATA.resolve("urlhaus-recent-test-rows.csv").toString(), "-o", out.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("rejected urlhaus urlhaus-recent-test-rows.csv:14: expected 9 columns, found 6");
        assertThat(Files.readAllLines(Path.of(out + ".rejects.jsonl"))).hasSize(4);
        StixAssertions.assertValidBundle(Stix.mapper().readTree(out.toFile()), "partial convert");
    }

    @Test
    void aFailedConversionLeavesNoHalfWrittenBundle() throws IOException {
        Path input = tmp.resolve("changed.csv");
        Files.writeString(input, "\"first_seen_utc\",\"ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\n");
        Path out = tmp.resolve("out.json");
        Run run = run("convert", "-m", "feodotracker", input.toString(), "-o", out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("header column 2 is 'ip'");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("changed.csv");
        }
    }

    @Test
    void aMissingInputIsOneLineAndExitTwo() {
        Run run = run("convert", "-m", "urlhaus", tmp.resolve("nope.csv").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("ctiflow: error: ").contains("nope.csv").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aBrokenMappingIsOneLineNamingFileAndKey() throws IOException {
        Path mapping = tmp.resolve("bad.yaml");
        Files.writeString(mapping, "mapping: bad\nversion: 1\nformat: csv\ncsv: {columns: [a]}\nfields:\n  observable.value: {from: b}\n");
        Run run = run("convert", "-m", mapping.toString(), DATA.resolve("abusech-sslbl-ipblacklist-2015.csv").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("ctiflow: error: " + mapping + ": fields.observable.value.from: no column 'b' in csv.columns [a]");
        Run verbose = run("convert", "--verbose", "-m", mapping.toString(), DATA.resolve("abusech-sslbl-ipblacklist-2015.csv").toString());
        assertThat(verbose.err()).contains("at io.ctiflow.mapping.MappingLoader");
    }

    @Test
    void validateAcceptsOasisExamplesAndRejectsBrokenBundlesOneLinePerProblem() throws IOException {
        Run good = run("validate", "ctiflow-app/src/test/resources/stix/oasis-examples/indicator-for-malicious-url.json");
        assertThat(good.code()).as(good.out()).isZero();
        assertThat(good.out()).contains("valid STIX 2.1");

        JsonNode base = Stix.mapper().readTree(Path.of("ctiflow-app/src/test/resources/stix/oasis-examples/indicator-for-malicious-url.json").toFile());
        Path badPattern = write("bad-pattern.json", base, b -> indicator(b).put("pattern", "[url:value = 'http://x.example/'"));
        Path badId = write("bad-id.json", base, b -> indicator(b).put("id", "indicator--not-a-uuid"));
        Path badTime = write("bad-time.json", base, b -> indicator(b).put("modified", "2016-13-45T00:00:00Z"));
        Path dangling = write("dangling.json", base, b -> indicator(b).put("created_by_ref", "identity--6b2a5c2a-60f2-4a55-8f6b-3c1b3d5d2b11"));

        Run bad = run("validate", badPattern.toString(), badId.toString(), badTime.toString(), dangling.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains(badPattern + ": ").contains(badId + ": ").contains(badTime + ": ").contains(dangling + ": ");
        assertThat(lineFor(bad.out(), badPattern)).containsIgnoringCase("pattern");
        assertThat(lineFor(bad.out(), badId)).contains("indicator--not-a-uuid");
        assertThat(lineFor(bad.out(), badTime)).contains("modified");
        assertThat(lineFor(bad.out(), dangling)).containsIgnoringCase("dangling").contains("identity--6b2a5c2a-60f2-4a55-8f6b-3c1b3d5d2b11");
    }

    @Test
    void convertsMispEventFilesAndFeedFolders() throws IOException {
        Path sednit = tmp.resolve("sednit.json");
        Run file = run("convert", "--format", "misp", "ctiflow-app/src/test/resources/data/misp/circl-osint-sednit-2017-objects-galaxies.json", "-o", sednit.toString());
        assertThat(file.code()).as(file.err()).isZero();
        assertThat(file.err()).contains("1 MISP events, 122 attributes").contains("0 attributes rejected");
        JsonNode bundle = Stix.mapper().readTree(sednit.toFile());
        StixAssertions.assertValidBundle(bundle, "sednit via convert");
        assertThat(bundle.path("objects").findValuesAsText("type")).contains("grouping", "indicator", "threat-actor", "tool", "malware");

        Path feed = tmp.resolve("feed.json");
        Run folder = run("convert", "ctiflow-app/src/test/resources/data/misp/feed-chrome-mal-ids", "-o", feed.toString());
        assertThat(folder.code()).as(folder.err()).isZero();
        assertThat(folder.err()).contains("6 MISP events");
        StixAssertions.assertValidBundle(Stix.mapper().readTree(feed.toFile()), "feed via convert");

        Run strict = run("convert", "--strict", "-f", "misp", "ctiflow-app/src/test/resources/data/misp/events/circl-osint-asert-four-element-sword-370-attributes.json",
                "-o", tmp.resolve("asert.json").toString());
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.err()).contains("rejected event 57153590-f73c-49fa-be4b-4737950d210f: attribute 571620b0-5e38-4e8c-9c29-416d950d210f (url)")
                .contains("4 attributes rejected");
    }

    @Test
    void validateSaysWhenAFileIsNotJson() throws IOException {
        Path junk = tmp.resolve("junk.json");
        Files.writeString(junk, "{\"type\": \"bundle\",");
        Run run = run("validate", junk.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(junk + ": line 1, column 19: not valid JSON: ");
    }

    private static ObjectNode indicator(ObjectNode bundle) {
        for (JsonNode o : bundle.path("objects")) {
            if ("indicator".equals(o.path("type").asText())) {
                return (ObjectNode) o;
            }
        }
        throw new AssertionError("no indicator in the example");
    }

    private Path write(String name, JsonNode base, Consumer<ObjectNode> change) throws IOException {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        Path file = tmp.resolve(name);
        Stix.mapper().writeValue(file.toFile(), copy);
        return file;
    }

    private static String lineFor(String out, Path file) {
        return out.lines().filter(l -> l.startsWith(file + ": ")).findFirst().orElse("");
    }

    @Test
    void deadLetterBadInputIsOneErrorLineAndExitTwo() {
        Path work = tmp.resolve("work");
        for (String[] args : List.of(new String[] {"dead-letter", "replay", "--work", work.toString()},
                new String[] {"dead-letter", "replay", "--work", work.toString(), "--all", "--kind", "reject"},
                new String[] {"dead-letter", "replay", "--work", work.toString(), "999"},
                new String[] {"dead-letter", "list", "--work", work.toString(), "--status", "lost"})) {
            StringWriter err = new StringWriter();
            int code = CtiflowCli.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).as(String.join(" ", args)).isEqualTo(CtiflowCli.EXIT_ERROR);
            assertThat(err.toString().lines().toList()).as(String.join(" ", args)).hasSize(1).allMatch(l -> l.startsWith("ctiflow: error: "));
        }
    }
}

package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.app.RuntimeTestSupport.drop;
import static io.ctiflow.app.RuntimeTestSupport.files;
import static io.ctiflow.app.RuntimeTestSupport.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;

/** routes/csv-files-to-stix-files.camel.yaml under camel-main: files dropped into the inbox become STIX bundle files. */
class CsvInboxRouteTest extends CtiflowRouteTestSupport {

    private static final Path DATA = Path.of("ctiflow-app/src/test/resources/data/csv");
    private static final String ROUTE = "csv-files-to-stix-files";

    @Test
    void droppedFeedsBecomeBundlesAndBadRowsDeadLetters() throws Exception {
        NotifyBuilder done = whenDone(ROUTE, 2);
        Path inbox = work.resolve("inbox");
        drop(DATA.resolve("abusech-feodotracker-ipblocklist.csv"), inbox, "feodotracker/ipblocklist.csv");
        drop(DATA.resolve("urlhaus-recent-test-rows.csv"), inbox, "urlhaus/csv_recent.csv");

        assertDone(done);
        assertThat(files(inbox.resolve(".done"))).hasSize(2);

        List<Path> bundles = files(work.resolve("stix"));
        assertThat(bundles).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("feodotracker-ipblocklist-00001.json", "urlhaus-csv_recent-00001.json");
        for (Path bundle : bundles) {
            StixAssertions.assertValidBundle(Stix.mapper().readTree(bundle.toFile()), bundle.toString());
        }
        JsonNode urlhaus = Stix.mapper().readTree(work.resolve("stix/urlhaus-csv_recent-00001.json").toFile());
        assertThat(urlhaus.path("objects").findValuesAsText("type").stream().filter("indicator"::equals)).hasSize(6);

        List<JsonNode> rejects = jsonLines(work.resolve("deadletter/urlhaus.jsonl"));
        assertThat(rejects).extracting(r -> r.path("line").asLong()).containsExactly(14L, 15L, 16L, 17L);
        assertThat(rejects).allSatisfy(r -> {
            assertThat(r.path("source").asText()).isEqualTo("urlhaus");
            assertThat(r.path("origin").asText()).isEqualTo("urlhaus/csv_recent.csv");
            assertThat(r.path("reason").asText()).isNotBlank();
            assertThat(r.path("record").asText()).startsWith("3400");
        });
        // the same rejects are rows of the state store: `ctiflow dead-letter list` shows them with location and reason
        StringWriter listed = new StringWriter();
        assertThat(CtiflowCli.execute(new String[] {"dead-letter", "list", "--work", work.toString(), "--kind", "reject", "--json"},
                new PrintWriter(listed), new PrintWriter(new StringWriter()))).isZero();
        List<JsonNode> rows = listed.toString().lines().map(l -> {
            try {
                return Stix.mapper().readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        assertThat(rows).extracting(r -> r.path("location").asText()).containsExactly("urlhaus/csv_recent.csv:14",
                "urlhaus/csv_recent.csv:15", "urlhaus/csv_recent.csv:16", "urlhaus/csv_recent.csv:17");
        assertThat(rows).extracting(r -> r.path("reason").asText()).containsExactlyElementsOf(rejects.stream().map(r -> r.path("reason").asText()).toList());
        assertThat(rows).allSatisfy(r -> assertThat(r.path("replayable").asBoolean()).isFalse());
        StringWriter table = new StringWriter();
        CtiflowCli.execute(new String[] {"dead-letter", "list", "--work", work.toString(), "--source", "urlhaus"},
                new PrintWriter(table), new PrintWriter(new StringWriter()));
        assertThat(table.toString()).contains("reject", rejects.get(0).path("reason").asText(), "rejects are listed only");

        FeedStats stats = bean("feedStats", FeedStats.class);
        assertThat(stats.of("urlhaus").records.sum()).isEqualTo(10);
        assertThat(stats.of("urlhaus").rejects.sum()).isEqualTo(4);
        assertThat(stats.of("feodotracker").records.sum()).isEqualTo(28);
        assertThat(files(work.resolve("stix"))).noneMatch(p -> p.getFileName().toString().startsWith(".writing-"));
    }

    @Test
    @TestProperties({"ctiflow.batch.size", "50"})
    void batchSizeComesFromConfigurationAndSplitsBundles() throws Exception {
        NotifyBuilder done = whenDone(ROUTE, 1);
        Path inbox = work.resolve("inbox");
        drop(DATA.resolve("abusech-urlhaus-country-jp.csv"), inbox, "urlhaus-country/jp.csv");
        assertDone(done);
        assertThat(files(inbox.resolve(".done"))).hasSize(1);
        assertThat(files(work.resolve("stix"))).hasSize(6);
    }

    @Test
    void inputsThatCannotBeProcessedAreKeptAndExplained() throws Exception {
        NotifyBuilder failed = whenFailed(ROUTE, 2);
        Path inbox = work.resolve("inbox");
        drop(DATA.resolve("abusech-sslbl-ipblacklist-2015.csv"), inbox, "no-such-feed/sslbl.csv");
        drop(DATA.resolve("abusech-sslbl-ipblacklist-2015.csv"), inbox, "loose.csv");

        assertDone(failed);
        assertThat(files(inbox.resolve(".failed"))).hasSize(2);
        List<JsonNode> failures = jsonLines(work.resolve("deadletter/failed-inputs.jsonl"));
        assertThat(failures).hasSize(2);
        assertThat(failures).anySatisfy(f -> {
            assertThat(f.path("input").asText()).isEqualTo("no-such-feed/sslbl.csv");
            assertThat(f.path("reason").asText()).contains("no-such-feed").contains("no such mapping file");
        });
        assertThat(failures).anySatisfy(f -> {
            assertThat(f.path("input").asText()).isEqualTo("loose.csv");
            assertThat(f.path("reason").asText()).contains("cannot tell which feed");
        });
        assertThat(files(work.resolve("stix"))).isEmpty();
    }

    @Test
    void aVendorJsonExportIsReadWithItsJsonMappingAndAMisplacedOneIsExplained() throws Exception {
        NotifyBuilder done = whenDone(ROUTE, 2);
        Path inbox = work.resolve("inbox");
        Path threatfox = Path.of("ctiflow-app/src/test/resources/data/json/threatfox-api-get_iocs-1day-2022-01-02.json");
        drop(threatfox, inbox, "threatfox/get_iocs.json");
        drop(threatfox, inbox, "feodotracker/get_iocs.json");

        assertDone(done);
        assertThat(files(inbox.resolve(".done"))).hasSize(1);
        assertThat(files(inbox.resolve(".failed"))).hasSize(1);
        JsonNode bundle = Stix.mapper().readTree(work.resolve("stix/threatfox-get_iocs-00001.json").toFile());
        StixAssertions.assertValidBundle(bundle, "threatfox");
        FeedStats stats = bean("feedStats", FeedStats.class);
        assertThat(stats.of("threatfox").records.sum()).isEqualTo(187);
        assertThat(bundle.path("objects").findValuesAsText("type").stream().filter("indicator"::equals).count())
                .isEqualTo(187 - stats.of("threatfox").rejects.sum());
        assertThat(jsonLines(work.resolve("deadletter/failed-inputs.jsonl"))).singleElement().satisfies(f -> {
            assertThat(f.path("input").asText()).isEqualTo("feodotracker/get_iocs.json");
            assertThat(f.path("reason").asText()).contains("a JSON file, but the mapping of feed 'feodotracker'", "reads csv");
        });
    }
}

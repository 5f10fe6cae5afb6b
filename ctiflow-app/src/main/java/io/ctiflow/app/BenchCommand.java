package io.ctiflow.app;

import io.ctiflow.app.bench.BenchReport;
import io.ctiflow.app.bench.BenchRun;
import io.ctiflow.app.bench.CsvPipelineBenchmark;
import io.ctiflow.app.bench.EndToEndBenchmark;
import io.ctiflow.app.bench.JsonFeedBenchmark;
import io.ctiflow.app.bench.MailBenchmark;
import io.ctiflow.app.bench.MarkdownBlock;
import io.ctiflow.app.bench.MispBenchmark;
import io.ctiflow.app.bench.PolicyBenchmark;
import io.ctiflow.app.bench.SinkBenchmark;
import io.ctiflow.app.bench.StoreBenchmark;
import io.ctiflow.app.bench.TaxiiBenchmark;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.runtime.CtiflowHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code ctiflow bench}: runs one bench mode of {@code io.ctiflow.app.bench} (by default {@link CsvPipelineBenchmark}:
 * CSV rows to STIX through the real pipeline beside a hand-written ceiling, and the default route with sharing on
 * beside that) and prints its report; with {@code --record} the same report also goes into a Markdown page.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure CSV -> STIX throughput of the real pipeline (sharing off) against a hand-written ceiling, and the default",
                "route (sharing on: filter, audit, share bundles) against it (--misp: MISP -> STIX;",
                "--policy: the jurisdiction filter; --taxii: the TAXII server; --store: the TAXII store's fan-out; --mail: IOC extraction from mail;",
                "--e2e: inbox to the embedded TAXII server, per stage).",
                "Run with JAVA_OPTS=-Xmx256m to check the memory bound.",
                "--record docs/performance.md also writes the figures into that page's block for the mode (any mode)."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the generated feed (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds per side, after one warm-up round (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--work", paramLabel = "<dir>", description = "Work directory (default: work/bench under the ctiflow home).")
    Path work;

    @Option(names = "--misp", description = "Measure MISP -> STIX conversion (attributes/s, events/s) on the real sample events and a "
            + "generated 10,000-attribute event, beside a plain Jackson parse + write baseline, instead of the CSV pipeline.")
    boolean misp;

    @Option(names = "--mail", description = "Measure indicator extraction from mail: IOCs/s of the whole mail conversion and of the "
            + "extractor alone on a generated corpus (--mails), beside a plain regex scan of the same text.")
    boolean mail;

    @Option(names = "--mails", defaultValue = "10000", description = "Mails in the generated corpus for --mail (default: ${DEFAULT-VALUE}).")
    int mails;

    @Option(names = "--policy", description = "Measure the jurisdiction filter: a generated bundle (--objects) fanned out to every destination "
            + "of the shipped policies, beside a baseline that only copies the objects into every destination's bundle.")
    boolean policy;

    @Option(names = "--sinks", description = "Measure delivery: the same objects (--objects) as bundle files (baseline), through the webhook "
            + "sink to a signing-checking receiver on 127.0.0.1, and through the Kafka sink when --kafka-brokers is given.")
    boolean sinks;

    @Option(names = "--kafka-brokers", paramLabel = "<host:port>", description = "Kafka bootstrap servers for --sinks.")
    String kafkaBrokers;

    @Option(names = "--json", description = "Measure the JSON feed path of the connectors: a generated ThreatFox-shaped feed (--rows records) "
            + "through the mapping engine to STIX, beside a Jackson parse of the same records.")
    boolean json;

    @Option(names = "--taxii", description = "Measure the embedded TAXII server instead: objects/s ingested by POST (envelopes of 1,000 "
            + "indicators) and served by paged GET (limit 1,000) over HTTP on the H2 file store, beside a Jackson parse + serialise baseline.")
    boolean taxii;

    @Option(names = "--store", description = "Measure the TAXII store alone under the pipeline's fan-out: addAll of batches of 2,000 generated "
            + "indicators (--indicators) to 5 collections, 70 %% shared by all; stored objects/s per 100,000 indicators and the last/first ratio "
            + "(H2 file in the work directory, or --store-url).")
    boolean store;

    @Option(names = "--store-url", paramLabel = "<jdbc-url>", description = "For --store: the store's JDBC URL (e.g. PostgreSQL; password in "
            + "CTIFLOW_TAXII_DB_PASSWORD) instead of a fresh H2 file. Use an empty database: the bench leaves its collections there. "
            + "For --e2e: a PostgreSQL database for the embedded TAXII server's store; each run gets a fresh schema, dropped afterwards.")
    String storeUrl;

    @Option(names = "--store-user", paramLabel = "<user>", description = "For --store-url: the database user (PostgreSQL also takes it in the URL).")
    String storeUser;

    @Option(names = "--e2e", description = "Measure end to end: generated URLhaus indicators (--indicators) from the inbox of the real runtime "
            + "into the embedded TAXII server (and bundle files), with the share of time per stage and peak memory, beside the CSV pipeline alone.")
    boolean e2e;

    @Option(names = "--indicators", defaultValue = "1000000", description = "Indicators in the generated feed for --e2e (default: ${DEFAULT-VALUE}).")
    int indicators;

    @Option(names = "--objects", defaultValue = "100000", description = "Objects in the generated bundle (--policy) or indicators per round (--taxii) (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--record", paramLabel = "<markdown file>", description = "After the bench, also write its figures as a Markdown table "
            + "into this file (e.g. docs/performance.md), between the mode's markers <!-- bench:MODE begin --> and <!-- bench:MODE end --> "
            + "(MODE: csv, e2e, store, taxii, policy, misp, json, mail, sinks), under a line naming the date, processors, max heap, Java, OS and this command; "
            + "the markers are added at the end of the file when missing, the rest of the file is left as it was.")
    Path record;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Consumer<String> echo = BenchReport.printingTo(out);
        Path home = CtiflowHome.get();
        record(measure(home, echo), out);
        return 0;
    }

    /** Runs the bench mode asked for (csv when none is), echoing its console text as it goes. */
    private BenchReport measure(Path home, Consumer<String> echo) throws Exception {
        if (mail) {
            return MailBenchmark.run(home.resolve("mappings"), Math.max(1, mails), Math.max(1, rounds), echo);
        }
        if (misp) {
            return MispBenchmark.run(home.resolve("mappings"), Math.max(1, rounds), echo);
        }
        Path dir = (work != null ? work : home.resolve("work/bench")).toAbsolutePath();
        Files.createDirectories(dir);
        if (json) {
            return JsonFeedBenchmark.run(home.resolve("mappings"), dir, rows, Math.max(1, rounds), echo);
        }
        if (sinks) {
            Path sinkDir = Files.createTempDirectory(dir, "sinks");
            try {
                return SinkBenchmark.run(objects, Math.max(1, rounds), sinkDir, kafkaBrokers, echo);
            } finally {
                DemoCommand.deleteTree(sinkDir);
            }
        }
        if (e2e) {
            // one measured round unless --rounds says otherwise: a million indicators take minutes
            int e2eRounds = spec.commandLine().getParseResult().hasMatchedOption("--rounds") ? Math.max(1, rounds) : 1;
            var store = storeUrl == null ? null : new EndToEndBenchmark.ExternalStore(storeUrl, storeUser, System.getenv("CTIFLOW_TAXII_DB_PASSWORD"));
            BenchReport report = EndToEndBenchmark.report(echo);
            EndToEndBenchmark.run(home, dir.resolve("e2e"), Math.max(1, indicators), e2eRounds, store, report);
            return report;
        }
        if (store) {
            Path storeDir = Files.createTempDirectory(dir, "store");
            try {
                return StoreBenchmark.run(storeDir, storeUrl, storeUser, System.getenv("CTIFLOW_TAXII_DB_PASSWORD"), Math.max(2000, indicators), echo);
            } finally {
                DemoCommand.deleteTree(storeDir);
            }
        }
        if (policy) {
            Policy p = new PolicyLoader(home.resolve("policies/schema"), name -> "bench-pseudonymisation-key").load(home.resolve("policies"));
            return PolicyBenchmark.run(p, objects, Math.max(1, rounds), dir.resolve("audit"), echo);
        }
        if (taxii) {
            Path taxiiDir = Files.createTempDirectory(dir, "taxii");
            try {
                return TaxiiBenchmark.run(taxiiDir, objects, Math.max(1, rounds), echo);
            } finally {
                DemoCommand.deleteTree(taxiiDir);
            }
        }
        return CsvPipelineBenchmark.run(home, dir, rows, rounds, echo);
    }

    /** With --record: the report's Markdown into its block of the file, under the machine and command it was measured with. */
    private void record(BenchReport report, PrintWriter out) throws IOException {
        if (record == null) {
            return;
        }
        MarkdownBlock block = new MarkdownBlock(report.mode());
        block.replace(record, report.title(), BenchRun.now(arguments()).markdown() + "\n\n" + report.markdown());
        out.printf("%nrecorded in %s between %s and %s%n", record, block.begin(), block.end());
        out.flush();
    }

    /** The options as parsed, in the order given: the command line to repeat the run with. */
    private String arguments() {
        StringBuilder s = new StringBuilder();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (option.arity().max() == 0) {
                s.append(' ').append(option.longestName());
            } else {
                option.originalStringValues().forEach(v -> s.append(' ').append(option.longestName()).append(' ').append(shellWord(v)));
            }
        }
        return s.toString().trim();
    }

    private static String shellWord(String value) {
        return value.matches("[\\w.,:/@%+=-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}

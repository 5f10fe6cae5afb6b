package io.ctiflow.app;

import io.ctiflow.app.bench.CeilingConverter;
import io.ctiflow.app.bench.HeapSampler;
import io.ctiflow.app.bench.MispBenchmark;
import io.ctiflow.app.bench.PolicyBenchmark;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.app.bench.TaxiiBenchmark;
import io.ctiflow.app.bench.UrlhausFeedGenerator;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ctiflow bench}: CSV rows to STIX bundle files through the real pipeline (Camel routes,
 * mapping file, taxonomy, STIX, file sink, sharing off) beside a hand-written commons-csv + Jackson ceiling,
 * and the default route (sharing on: the jurisdiction filter, audit log and share bundles) beside that
 * pipeline, in the same JVM and run, on a generated URLhaus-style feed. Reports rows/s, the ratios and peak heap.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure CSV -> STIX throughput of the real pipeline (sharing off) against a hand-written ceiling, and the default",
                "route (sharing on: filter, audit, share bundles) against it (--misp: MISP -> STIX;",
                "--policy: the jurisdiction filter; --taxii: the TAXII server; --store: the TAXII store's fan-out; --mail: IOC extraction from mail;",
                "--e2e: inbox to the embedded TAXII server, per stage).",
                "Run with JAVA_OPTS=-Xmx256m to check the memory bound."})
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

    @Spec
    CommandSpec spec;

    private record Result(double rowsPerSecond, long peakHeap) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = CtiflowHome.get();
        if (mail) {
            out.print(io.ctiflow.app.bench.MailBenchmark.run(home.resolve("mappings"), Math.max(1, mails), Math.max(1, rounds)));
            out.flush();
            return 0;
        }
        if (misp) {
            out.print(MispBenchmark.run(home.resolve("mappings"), Math.max(1, rounds)));
            out.flush();
            return 0;
        }
        Path dir = (work != null ? work : home.resolve("work/bench")).toAbsolutePath();
        Files.createDirectories(dir);
        if (e2e) {
            // one measured round unless --rounds says otherwise: a million indicators take minutes
            int e2eRounds = spec.commandLine().getParseResult().hasMatchedOption("--rounds") ? Math.max(1, rounds) : 1;
            var store = storeUrl == null ? null
                    : new io.ctiflow.app.bench.EndToEndBenchmark.ExternalStore(storeUrl, storeUser, System.getenv("CTIFLOW_TAXII_DB_PASSWORD"));
            io.ctiflow.app.bench.EndToEndBenchmark.run(home, dir.resolve("e2e"), Math.max(1, indicators), e2eRounds, store, out);
            return 0;
        }
        if (store) {
            Path storeDir = Files.createTempDirectory(dir, "store");
            try {
                io.ctiflow.app.bench.StoreBenchmark.run(storeDir, storeUrl, storeUser, System.getenv("CTIFLOW_TAXII_DB_PASSWORD"),
                        Math.max(2000, indicators), out);
            } finally {
                DemoCommand.deleteTree(storeDir);
            }
            return 0;
        }
        if (json) {
            out.print(io.ctiflow.app.bench.JsonFeedBenchmark.run(home.resolve("mappings"), dir, rows, Math.max(1, rounds)));
            out.flush();
            return 0;
        }
        if (sinks) {
            Path sinkDir = Files.createTempDirectory(dir, "sinks");
            try {
                out.print(io.ctiflow.app.bench.SinkBenchmark.run(objects, Math.max(1, rounds), sinkDir, kafkaBrokers));
            } finally {
                DemoCommand.deleteTree(sinkDir);
            }
            out.flush();
            return 0;
        }
        if (policy) {
            Policy p = new PolicyLoader(home.resolve("policies/schema"), name -> "bench-pseudonymisation-key").load(home.resolve("policies"));
            out.print(PolicyBenchmark.run(p, objects, Math.max(1, rounds), dir.resolve("audit")));
            out.flush();
            return 0;
        }
        if (taxii) {
            Path taxiiDir = Files.createTempDirectory(dir, "taxii");
            try {
                out.print(TaxiiBenchmark.run(taxiiDir, objects, Math.max(1, rounds)));
            } finally {
                DemoCommand.deleteTree(taxiiDir);
            }
            out.flush();
            return 0;
        }
        Path feed = dir.resolve("urlhaus-" + rows + ".csv");
        if (!Files.exists(feed)) {
            out.printf("generating %,d URLhaus-style rows into %s ...%n", rows, feed);
            out.flush();
            UrlhausFeedGenerator.write(feed, rows);
        }
        out.printf("feed: %s (%,d rows, %,d MB), max heap %,d MB, %d processors%n", feed, rows, Files.size(feed) >> 20,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        // two runtimes of the same routes: CSV -> STIX as the help says (sharing off), and the default route (sharing on)
        Path stixWork = dir.resolve("pipeline");
        Path sharingWork = dir.resolve("pipeline-sharing");
        DemoCommand.deleteTree(stixWork);
        DemoCommand.deleteTree(sharingWork);
        Main csvToStix = CtiflowRuntime.create(home, null, Map.of("ctiflow.work", stixWork.toString(), "ctiflow.inbox.delay", "20",
                "ctiflow.share.enabled", "false"));
        Main sharing = CtiflowRuntime.create(home, null, Map.of("ctiflow.work", sharingWork.toString(), "ctiflow.inbox.delay", "20",
                "ctiflow.share.enabled", "true", "ctiflow.taxii.server.enabled", "false"));
        csvToStix.start();
        sharing.start();
        Result bestCeiling = null;
        Result bestStix = null;
        Result bestSharing = null;
        try {
            out.print(stages(sharing));
            for (int round = 0; round <= rounds; round++) {
                Result ceiling = ceiling(feed, dir.resolve("ceiling.json"));
                Result stix = pipeline(csvToStix, feed, stixWork, round);
                Result shared = pipeline(sharing, feed, sharingWork, round);
                String label = round == 0 ? "warm-up" : "round " + round;
                out.printf("%-8s ceiling %,10.0f rows/s (peak heap %,4d MB)   CSV -> STIX %,10.0f rows/s (peak heap %,4d MB)   ratio %.2f%n",
                        label, ceiling.rowsPerSecond(), ceiling.peakHeap() >> 20, stix.rowsPerSecond(), stix.peakHeap() >> 20,
                        stix.rowsPerSecond() / ceiling.rowsPerSecond());
                out.printf("%-8s default route, sharing on %,10.0f rows/s (peak heap %,4d MB)   against CSV -> STIX in this round: ratio %.2f%n",
                        "", shared.rowsPerSecond(), shared.peakHeap() >> 20, shared.rowsPerSecond() / stix.rowsPerSecond());
                out.flush();
                if (round > 0) {
                    bestCeiling = best(bestCeiling, ceiling);
                    bestStix = best(bestStix, stix);
                    bestSharing = best(bestSharing, shared);
                }
            }
        } finally {
            sharing.stop();
            csvToStix.stop();
        }
        out.printf("%nbest of %d: ceiling %,.0f rows/s, CSV -> STIX %,.0f rows/s, ratio %.2f; peak heap ceiling %,d MB, pipeline %,d MB%n",
                rounds, bestCeiling.rowsPerSecond(), bestStix.rowsPerSecond(), bestStix.rowsPerSecond() / bestCeiling.rowsPerSecond(),
                bestCeiling.peakHeap() >> 20, bestStix.peakHeap() >> 20);
        out.printf("best of %d: default route with sharing on %,.0f rows/s, ratio %.2f to CSV -> STIX alone; peak heap %,d MB%n",
                rounds, bestSharing.rowsPerSecond(), bestSharing.rowsPerSecond() / bestStix.rowsPerSecond(), bestSharing.peakHeap() >> 20);
        out.flush();
        return 0;
    }

    private static Result best(Result best, Result r) {
        return best == null || r.rowsPerSecond() > best.rowsPerSecond() ? r : best;
    }

    /** What each side of the CSV bench runs, and the settings that matter, printed before the figures. */
    private static String stages(Main sharing) {
        var props = sharing.getCamelContext().getPropertiesComponent();
        java.util.function.Function<String, String> p = key -> props.resolveProperty(key).orElse("?");
        Policy policy = sharing.getCamelContext().getRegistry().lookupByNameAndType("policy", Policy.class);
        List<String> destinations = policy == null ? List.of() : policy.destinations().stream().map(io.ctiflow.policy.Destination::id).toList();
        return String.format(java.util.Locale.ROOT, """
                sides (same JVM, same feed, every round):
                  ceiling            commons-csv + Jackson streaming generator, one thread: one indicator's JSON per row, one file
                  CSV -> STIX        the inbox route, sharing off: read, mapping file, taxonomy, STIX, bundle files in the outbox
                  default route      the same with sharing on: + the jurisdiction filter for %d destinations (%s), the audit log,
                                     one bundle per destination in share/ (no TAXII server; bench --e2e adds it)
                settings: batch size %s objects, read-ahead %s batches, max heap %,d MB
                """, destinations.size(), String.join(", ", destinations), p.apply("ctiflow.batch.size"), p.apply("ctiflow.read-ahead"),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private Result ceiling(Path feed, Path output) throws Exception {
        try (HeapSampler heap = new HeapSampler()) {
            long start = System.nanoTime();
            long n = CeilingConverter.convert(feed, output);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(n / seconds, heap.peakBytes());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Drops the feed into the running pipeline's inbox and times it until the file is done and nothing is in flight. */
    private Result pipeline(Main main, Path feed, Path work, int round) throws Exception {
        Path inbox = work.resolve("inbox/urlhaus");
        Path outbox = work.resolve("stix");
        DemoCommand.deleteTree(outbox);
        DemoCommand.deleteTree(work.resolve("inbox/.done"));
        Files.createDirectories(inbox);
        String name = "bench-" + round + ".csv";
        Path staged = inbox.resolve("." + name);
        Files.copy(feed, staged, StandardCopyOption.REPLACE_EXISTING);
        Path done = work.resolve("inbox/.done/urlhaus/" + name);
        try (HeapSampler heap = new HeapSampler()) {
            long start = System.nanoTime();
            Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            while (!Files.exists(done) || main.getCamelContext().getInflightRepository().size() > 0) {
                if (Files.exists(work.resolve("inbox/.failed/urlhaus/" + name))) {
                    throw new IllegalStateException("the pipeline failed the bench feed; see " + work.resolve("deadletter"));
                }
                Thread.sleep(2);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(rows / seconds, heap.peakBytes());
        } finally {
            try (Stream<Path> s = Files.list(outbox)) {
                if (s.findAny().isEmpty()) {
                    throw new IllegalStateException("the pipeline wrote no bundles");
                }
            }
        }
    }
}

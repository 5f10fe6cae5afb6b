package io.ctiflow.app.bench;

import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Policy;
import io.ctiflow.runtime.CtiflowRuntime;
import org.apache.camel.main.Main;
import org.apache.camel.util.FileUtil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code ctiflow bench} without a mode: CSV rows to STIX bundle files through the real pipeline (Camel routes,
 * mapping file, taxonomy, STIX, file sink, sharing off) beside a hand-written commons-csv + Jackson ceiling, and
 * the default route (sharing on: the jurisdiction filter, audit log and share bundles) beside that pipeline, in
 * the same JVM and round, on a generated URLhaus-style feed. Reports rows/s, the ratios and peak heap.
 */
public final class CsvPipelineBenchmark {

    private record Result(double rowsPerSecond, long peakHeap) {
    }

    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("ceiling", "ceiling rows/s"),
            new BenchReport.Column("ceilingHeap", "ceiling peak heap MB"),
            new BenchReport.Column("stix", "CSV -> STIX rows/s"),
            new BenchReport.Column("stixHeap", "CSV -> STIX peak heap MB"),
            new BenchReport.Column("ratio", "CSV -> STIX / ceiling"),
            new BenchReport.Column("sharing", "default route, sharing on, rows/s"),
            new BenchReport.Column("sharingHeap", "sharing on peak heap MB"),
            new BenchReport.Column("sharingRatio", "sharing on / CSV -> STIX"));

    private final Path home;
    private final Path dir;
    private final int rows;

    private CsvPipelineBenchmark(Path home, Path dir, int rows) {
        this.home = home;
        this.dir = dir;
        this.rows = rows;
    }

    /** Runs a warm-up and {@code rounds} measured rounds on a feed of {@code rows} rows generated (once) in {@code dir}. */
    public static BenchReport run(Path home, Path dir, int rows, int rounds, Consumer<String> echo) throws Exception {
        return new CsvPipelineBenchmark(home, dir, rows).run(rounds, new BenchReport("csv", "CSV -> STIX", "round", COLUMNS, echo));
    }

    private BenchReport run(int rounds, BenchReport report) throws Exception {
        Path feed = dir.resolve("urlhaus-" + rows + ".csv");
        if (!Files.exists(feed)) {
            report.progress(String.format(Locale.ROOT, "generating %,d URLhaus-style rows into %s ...%n", rows, feed));
            UrlhausFeedGenerator.write(feed, rows);
        }
        report.progress(String.format(Locale.ROOT, "feed: %s (%,d rows, %,d MB), max heap %,d MB, %d processors%n", feed, rows,
                Files.size(feed) >> 20, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors()));

        // two runtimes of the same routes: CSV -> STIX as the help says (sharing off), and the default route (sharing on)
        Path stixWork = dir.resolve("pipeline");
        Path sharingWork = dir.resolve("pipeline-sharing");
        FileUtil.removeDir(stixWork.toFile());
        FileUtil.removeDir(sharingWork.toFile());
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
            report.text(sides(sharing));
            for (int round = 0; round <= rounds; round++) {
                Result ceiling = ceiling(feed, dir.resolve("ceiling.json"));
                Result stix = pipeline(csvToStix, feed, stixWork, round);
                Result shared = pipeline(sharing, feed, sharingWork, round);
                report.row(figures(round == 0 ? "warm-up" : "round " + round, ceiling, stix, shared),
                        "{label:-8} ceiling {ceiling:10} rows/s (peak heap {ceilingHeap:4} MB)   CSV -> STIX {stix:10} rows/s (peak heap {stixHeap:4} MB)   "
                                + "ratio {ratio}\n         default route, sharing on {sharing:10} rows/s (peak heap {sharingHeap:4} MB)   "
                                + "against CSV -> STIX in this round: ratio {sharingRatio}\n");
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
        report.row(figures("best of " + rounds, bestCeiling, bestStix, bestSharing),
                "\n{label}: ceiling {ceiling} rows/s, CSV -> STIX {stix} rows/s, ratio {ratio}; peak heap ceiling {ceilingHeap} MB, pipeline {stixHeap} MB\n"
                        + "{label}: default route with sharing on {sharing} rows/s, ratio {sharingRatio} to CSV -> STIX alone; peak heap {sharingHeap} MB\n");
        return report;
    }

    private static BenchReport.Row figures(String label, Result ceiling, Result stix, Result sharing) {
        return new BenchReport.Row(label).put("ceiling", "%,.0f", ceiling.rowsPerSecond()).put("ceilingHeap", "%,d", ceiling.peakHeap() >> 20)
                .put("stix", "%,.0f", stix.rowsPerSecond()).put("stixHeap", "%,d", stix.peakHeap() >> 20)
                .put("ratio", "%.2f", stix.rowsPerSecond() / ceiling.rowsPerSecond())
                .put("sharing", "%,.0f", sharing.rowsPerSecond()).put("sharingHeap", "%,d", sharing.peakHeap() >> 20)
                .put("sharingRatio", "%.2f", sharing.rowsPerSecond() / stix.rowsPerSecond());
    }

    private static Result best(Result best, Result r) {
        return best == null || r.rowsPerSecond() > best.rowsPerSecond() ? r : best;
    }

    /** What each side of the CSV bench runs, and the settings that matter, printed before the figures. */
    private static String sides(Main sharing) {
        var props = sharing.getCamelContext().getPropertiesComponent();
        Function<String, String> p = key -> props.resolveProperty(key).orElse("?");
        Policy policy = sharing.getCamelContext().getRegistry().lookupByNameAndType("policy", Policy.class);
        List<String> destinations = policy == null ? List.of() : policy.destinations().stream().map(Destination::id).toList();
        return String.format(Locale.ROOT, """
                sides (same JVM, same feed, every round):
                  ceiling            commons-csv + Jackson streaming generator, one thread: one indicator's JSON per row, one file
                  CSV -> STIX        the inbox route, sharing off: read, mapping file, taxonomy, STIX, bundle files in the outbox
                  default route      the same with sharing on: + the jurisdiction filter for %d destinations (%s), the audit log,
                                     one bundle per destination in share/ (no TAXII server; bench --e2e adds it)
                settings: batch size %s objects, read-ahead %s batches, filter on the read-ahead thread %s, max heap %,d MB
                """, destinations.size(), String.join(", ", destinations), p.apply("ctiflow.batch.size"), p.apply("ctiflow.read-ahead"),
                p.apply("ctiflow.share.filter-ahead"),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static Result ceiling(Path feed, Path output) throws Exception {
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
        FileUtil.removeDir(outbox.toFile());
        FileUtil.removeDir(work.resolve("inbox/.done").toFile());
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

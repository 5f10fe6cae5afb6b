package io.ctiflow.app.bench;

import io.ctiflow.feed.FeedStats;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyStats;
import io.ctiflow.runtime.CtiflowRuntime;
import io.ctiflow.taxii.client.CollectionReader;
import io.ctiflow.taxii.client.PollPosition;
import io.ctiflow.taxii.client.TaxiiClient;
import io.ctiflow.taxii.client.TaxiiConfiguration;
import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.Passwords;
import org.apache.camel.main.Main;
import org.apache.camel.util.FileUtil;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
/**
 * {@code ctiflow bench --e2e}: generated URLhaus indicators dropped into the inbox of the real
 * runtime (routes/, the shipped policies, the embedded TAXII server on a free port with its H2 file
 * store) and timed until the file is done and nothing is in flight; then every collection is read
 * back over TAXII and must hold exactly what the jurisdiction filter shared with its destination.
 * Beside it, in the same JVM and round, the baseline: the same feed through the CSV pipeline alone
 * to bundle files (sharing and TAXII off). Each run gets a fresh runtime and work directory.
 */
public final class EndToEndBenchmark {

    /** The feed the generated indicators go to (its folder in the inbox and its mapping). */
    static final String FEED = "urlhaus";
    /** A first round on this many indicators warms the JIT before the measured rounds (when the feed is larger). */
    static final int WARM_UP_INDICATORS = 20_000;
    private static final String READER = "bench";

    /**
     * One timed run.
     *
     * @param stageNanos exclusive time per stage on the pipeline's threads ({@link StageTimer})
     * @param readAheadCpuNanos CPU time of the read-ahead threads (read + map, and the filter ahead, overlapping the stages)
     * @param shared     per collection title: objects the filter shared with (or redacted for) its destination
     * @param expected   per collection title: distinct objects handed to the {@code taxii:} producer ({@link PublishedObjects})
     * @param stored     per collection title: objects the embedded TAXII server holds, read back over TAXII
     * @param peakRss    bytes, -1 when unknown
     */
    public record Run(long records, long objects, long rejects, double seconds, Map<StageTimer.Stage, Long> stageNanos,
                      long readAheadCpuNanos, Map<String, Long> shared, Map<String, Long> expected, Map<String, Long> stored, long peakHeap, long peakRss) {

        public double objectsPerSecond() {
            return objects / seconds;
        }

        public long storedTotal() {
            return stored.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Time spent in the stages: the pipeline thread's busy time (the rest of the wall time is waiting). */
        public long busyNanos() {
            return stageNanos.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A measured round: the pipeline alone, then end to end. */
    public record Round(Run baseline, Run endToEnd) {

        public double ratio() {
            return endToEnd.objectsPerSecond() / baseline.objectsPerSecond();
        }
    }

    private EndToEndBenchmark() {
    }

    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("pipeline", "pipeline alone objects/s"),
            new BenchReport.Column("pipelineSeconds", "pipeline alone s"),
            new BenchReport.Column("e2e", "end to end objects/s"),
            new BenchReport.Column("e2eSeconds", "end to end s"),
            new BenchReport.Column("stored", "stored in TAXII"),
            new BenchReport.Column("ratio", "ratio"),
            new BenchReport.Column("objects", "objects"),
            new BenchReport.Column("records", "records"),
            new BenchReport.Column("rejects", "rejected"));
    private static final String ROUND = "pipeline alone {pipeline:10} objects/s ({pipelineSeconds:6} s)   "
            + "end to end {e2e:10} objects/s ({e2eSeconds:6} s, {stored} stored)   ratio {ratio}\n";

    /** The report {@link #run} fills: a row per round and the best, the per-collection and per-stage details. */
    public static BenchReport report(Consumer<String> echo) {
        return new BenchReport("e2e", "End to end", "round", COLUMNS, echo);
    }

    /**
     * Runs the warm-up (when {@code indicators} exceeds {@value #WARM_UP_INDICATORS}) and {@code rounds}
     * measured rounds, printing progress and then the report to {@code out}; returns the best round
     * (highest end-to-end objects/s).
     */
    public static Round run(Path home, Path work, int indicators, int rounds, PrintWriter out) throws Exception {
        return run(home, work, indicators, rounds, null, out);
    }

    /** As {@link #run(Path, Path, int, int, ExternalStore, BenchReport)}, printing to {@code out}. */
    public static Round run(Path home, Path work, int indicators, int rounds, ExternalStore store, PrintWriter out) throws Exception {
        return run(home, work, indicators, rounds, store, report(BenchReport.printingTo(out)));
    }

    /**
     * A PostgreSQL database for the embedded TAXII server's store instead of its H2 file: each end-to-end run gets a
     * fresh schema in it (created before, dropped after), so every run starts from empty collections.
     */
    public record ExternalStore(String url, String user, String password) {

        String withSchema(String schema) {
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        void execute(String sql) throws SQLException {
            try (var c = DriverManager.getConnection(url, user, password); var s = c.createStatement()) {
                s.execute(sql);
            }
        }

        @Override
        public String toString() {
            return url; // never the password
        }
    }

    /** As {@link #run(Path, Path, int, int, PrintWriter)}, with the TAXII store on {@code store} when it is not null, into {@code report}. */
    public static Round run(Path home, Path work, int indicators, int rounds, ExternalStore store, BenchReport report) throws Exception {
        if (store != null && !store.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--e2e --store-url takes a PostgreSQL URL (jdbc:postgresql:...), not " + store.url());
        }
        Files.createDirectories(work);
        Path feed = feed(work, indicators, report);
        report.text(String.format(Locale.ROOT, "end-to-end benchmark: %,d generated URLhaus indicators (%,d MB CSV) from the inbox through mapping, STIX,%n"
                        + "the jurisdiction filter (shipped policies) into the embedded TAXII 2.1 server (%s, HTTP on 127.0.0.1)%n"
                        + "and bundle files; baseline in the same JVM: the same feed through the CSV pipeline alone to bundle files.%n"
                        + "max heap %,d MB, %d processors",
                indicators, Files.size(feed) >> 20, store == null ? "H2 file store" : "store on PostgreSQL " + store, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors()));
        report.progress(String.format(Locale.ROOT, ", work %s%n", work)); // a local path: not for the docs
        if (indicators > WARM_UP_INDICATORS) {
            Path small = feed(work, WARM_UP_INDICATORS, report);
            Round warm = new Round(runOnce(home, work.resolve("run"), small, false, store), runOnce(home, work.resolve("run"), small, true, store));
            report.row(figures(String.format(Locale.ROOT, "warm-up  (%,d)", WARM_UP_INDICATORS), warm), "{label} " + ROUND);
        }
        Round best = null;
        for (int r = 1; r <= rounds; r++) {
            Round round = new Round(runOnce(home, work.resolve("run"), feed, false, store), runOnce(home, work.resolve("run"), feed, true, store));
            report.row(figures("round " + r, round), "{label}  " + ROUND);
            best = best == null || round.endToEnd().objectsPerSecond() > best.endToEnd().objectsPerSecond() ? round : best;
        }
        report(best, rounds, report);
        return best;
    }

    private static Path feed(Path work, int indicators, BenchReport report) throws IOException {
        Path feed = work.resolve("urlhaus-" + indicators + ".csv");
        if (!Files.exists(feed)) {
            report.progress(String.format(Locale.ROOT, "generating %,d URLhaus-style rows into %s ...%n", indicators, feed));
            Path temp = feed.resolveSibling(".generating-" + feed.getFileName());
            UrlhausFeedGenerator.write(temp, indicators);
            Files.move(temp, feed, StandardCopyOption.REPLACE_EXISTING);
        }
        return feed;
    }

    private static BenchReport.Row figures(String label, Round r) {
        return new BenchReport.Row(label).put("pipeline", "%,.0f", r.baseline().objectsPerSecond()).put("pipelineSeconds", "%.1f", r.baseline().seconds())
                .put("e2e", "%,.0f", r.endToEnd().objectsPerSecond()).put("e2eSeconds", "%.1f", r.endToEnd().seconds())
                .put("stored", "%,d", r.endToEnd().storedTotal()).put("ratio", "%.3f", r.ratio());
    }

    /** The best round as a row, then what it stored per collection and where its time went. */
    static void report(Round best, int rounds, BenchReport report) {
        Run e = best.endToEnd();
        Run b = best.baseline();
        report.row(new BenchReport.Row("best of " + rounds).put("objects", "%,d", e.objects()).put("records", "%,d", e.records())
                        .put("rejects", "%,d", e.rejects()).put("e2eSeconds", "%.1f", e.seconds()).put("e2e", "%,.0f", e.objectsPerSecond())
                        .put("pipeline", "%,.0f", b.objectsPerSecond()).put("ratio", "%.3f", best.ratio()),
                "\n{label} (end to end): {objects} objects from {records} records ({rejects} rejected) in {e2eSeconds} s = {e2e} objects/s;\n"
                        + "pipeline alone {pipeline} objects/s in the same round: ratio {ratio}\n");
        StringBuilder s = new StringBuilder();
        s.append("per collection: objects stored in the embedded TAXII server (read back over TAXII), distinct objects published,\n"
                + "objects shared by the jurisdiction filter (repeating each batch's identity and marking definitions):\n");
        e.stored().forEach((collection, n) -> s.append(String.format(Locale.ROOT, "  %-12s %,12d stored %,12d published %,12d shared%n", collection, n,
                e.expected().get(collection), e.shared().get(collection))));
        s.append(String.format(Locale.ROOT, "  %-12s %,12d objects, %,.0f objects/s stored%n", "total", e.storedTotal(), e.storedTotal() / e.seconds()));
        s.append(String.format(Locale.ROOT, "time per stage (exclusive time of the routes' processors on the pipeline thread; "
                + "%.1f s busy in %.1f s of wall time):%n", e.busyNanos() / 1e9, e.seconds()));
        for (StageTimer.Stage stage : StageTimer.Stage.values()) {
            long nanos = e.stageNanos().get(stage);
            s.append(String.format(Locale.ROOT, "  %-33s %8.1f s %6.1f %%%n", stage.label, nanos / 1e9, 100.0 * nanos / Math.max(1, e.busyNanos())));
        }
        s.append(String.format(Locale.ROOT, "  (the read-ahead thread used %.1f s of CPU overlapping the stages above: read + map, and the jurisdiction filter%n"
                + "   with ctiflow.share.filter-ahead=true, the default; the filter line above is then only what was left for the route)%n", e.readAheadCpuNanos() / 1e9));
        s.append(String.format(Locale.ROOT, "peak heap %,d MB end to end, %,d MB pipeline alone; peak RSS %s end to end, %s pipeline alone (max heap %,d MB)%n",
                e.peakHeap() >> 20, b.peakHeap() >> 20, mb(e.peakRss()), mb(b.peakRss()), Runtime.getRuntime().maxMemory() >> 20));
        report.text(s.toString());
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }

    /** One fresh runtime on a fresh work directory: drop the feed, time it until drained, count what each collection holds. */
    static Run runOnce(Path home, Path dir, Path feed, boolean endToEnd) throws Exception {
        return runOnce(home, dir, feed, endToEnd, null);
    }

    static Run runOnce(Path home, Path dir, Path feed, boolean endToEnd, ExternalStore store) throws Exception {
        deleteTree(dir);
        String schema = store != null && endToEnd ? "ctiflow_bench_" + UUID.randomUUID().toString().replace("-", "") : null;
        if (schema != null) {
            store.execute("CREATE SCHEMA " + schema);
        }
        try {
            return runOnce(home, dir, feed, endToEnd, store, schema);
        } finally {
            if (schema != null) {
                store.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Run runOnce(Path home, Path dir, Path feed, boolean endToEnd, ExternalStore store, String schema) throws Exception {
        String password = ApiTokens.newToken().substring(0, 16);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("ctiflow.work", dir.toString());
        overrides.put("ctiflow.inbox.delay", "20");
        // the file arrives by an atomic rename: no need to wait for its size to settle
        overrides.put("ctiflow.inbox.read-lock", "none");
        overrides.put("ctiflow.share.enabled", Boolean.toString(endToEnd));
        overrides.put("ctiflow.taxii.server.enabled", Boolean.toString(endToEnd));
        overrides.put("ctiflow.taxii.server.port", "0");
        overrides.put("ctiflow.taxii.server.admin-user", READER);
        overrides.put("ctiflow.taxii.server.admin-password-hash", Passwords.hash(password.toCharArray(), 1000));
        if (schema != null) {
            overrides.put("ctiflow.taxii.server.store.url", store.withSchema(schema));
            overrides.put("ctiflow.taxii.server.store.user", store.user() == null ? "" : store.user());
            overrides.put("ctiflow.taxii.server.store.password", store.password() == null ? "" : store.password());
        }
        Main main = CtiflowRuntime.create(home, null, overrides);
        StageTimer timer = new StageTimer();
        timer.install(main);
        PublishedObjects published = new PublishedObjects();
        published.install(main);
        main.start();
        try {
            Path inbox = dir.resolve("inbox").resolve(FEED);
            Files.createDirectories(inbox);
            Path staged = inbox.resolve(".bench.csv");
            Files.copy(feed, staged, StandardCopyOption.REPLACE_EXISTING);
            Path done = dir.resolve("inbox/.done").resolve(FEED).resolve("bench.csv");
            Path failed = dir.resolve("inbox/.failed").resolve(FEED).resolve("bench.csv");
            var registry = main.getCamelContext().getRegistry();
            FeedStats feedStats = registry.lookupByNameAndType("feedStats", FeedStats.class);
            double seconds;
            long peakHeap;
            long readAheadCpu;
            boolean rssReset;
            try (HeapSampler heap = new HeapSampler()) {
                rssReset = PeakRss.reset();
                timer.reset();
                long readAheadBefore = readAheadCpuNanos();
                long start = System.nanoTime();
                Files.move(staged, inbox.resolve("bench.csv"), StandardCopyOption.ATOMIC_MOVE);
                while (!Files.exists(done) || main.getCamelContext().getInflightRepository().size() > 0) {
                    if (Files.exists(failed)) {
                        throw new IllegalStateException("the pipeline failed the bench feed; see " + dir.resolve("deadletter/failed-inputs.jsonl"));
                    }
                    Thread.sleep(5);
                }
                seconds = (System.nanoTime() - start) / 1e9;
                readAheadCpu = readAheadCpuNanos() - readAheadBefore;
                peakHeap = heap.peakBytes();
            }
            long peakRss = rssReset ? PeakRss.bytes() : -1;
            FeedStats.Counts counts = feedStats.of(FEED);
            Map<String, Long> shared = new LinkedHashMap<>();
            Map<String, Long> stored = new LinkedHashMap<>();
            if (endToEnd) {
                Policy policy = registry.lookupByNameAndType("policy", Policy.class);
                PolicyStats policyStats = registry.lookupByNameAndType("policyStats", PolicyStats.class);
                String apiRoot = main.getCamelContext().getPropertiesComponent().resolveProperty("ctiflow.taxii.embedded.api-root").orElseThrow();
                for (Destination d : policy.destinations()) {
                    d.endpoints().stream().filter(ep -> ep.kind().equals("embedded-taxii")).findFirst().ifPresent(ep -> {
                        String title = ep.collection() != null ? ep.collection() : d.id();
                        shared.put(title, policyStats.count(d.id(), Outcome.SHARED) + policyStats.count(d.id(), Outcome.REDACTED));
                        stored.put(title, countObjects(apiRoot, title, password));
                    });
                }
                verify(published.expected(), stored);
            }
            return new Run(counts.records.sum(), counts.objects.sum(), counts.rejects.sum(), seconds, timer.snapshot(), readAheadCpu,
                    shared, published.expected(), stored, peakHeap, peakRss);
        } finally {
            main.stop();
            deleteTree(dir);
        }
    }

    /** Every collection must hold exactly the distinct objects published to it: nothing lost, nothing extra. */
    private static void verify(Map<String, Long> expected, Map<String, Long> stored) {
        BiFunction<String, Long, String> mismatch = (title, n) -> n.equals(stored.get(title)) ? null
                : "collection " + title + " holds " + stored.get(title) + " objects, but " + n + " distinct objects were published to it";
        if (!expected.keySet().equals(stored.keySet())) {
            throw new IllegalStateException("published to collections " + expected.keySet() + ", but the server has " + stored.keySet());
        }
        String problems = String.join("; ", expected.entrySet().stream().map(e -> mismatch.apply(e.getKey(), e.getValue()))
                .filter(Objects::nonNull).toList());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the embedded TAXII server does not hold what the pipeline shared: " + problems);
        }
    }

    /** Reads a whole collection over TAXII (pages of 1,000) and counts its objects. */
    private static long countObjects(String apiRoot, String collection, String password) {
        TaxiiConfiguration config = new TaxiiConfiguration();
        config.setUrl(apiRoot);
        config.setCollection(collection);
        config.setUsername(READER);
        config.setPassword(password);
        CollectionReader.Summary read = new CollectionReader(new TaxiiClient(config), 1000)
                .read(PollPosition.startingAfter(null), page -> true, () -> true);
        if (read.stoppedBecause() != null) {
            throw new IllegalStateException("reading collection " + collection + " back stopped: " + read.stoppedBecause());
        }
        return read.objects();
    }

    /** CPU time of the threads that map batches ahead of the route (ctiflow.read-ahead). */
    private static long readAheadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().contains("ctiflow-feed-reader")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static void deleteTree(Path dir) {
        FileUtil.removeDir(dir.toFile());
    }
}

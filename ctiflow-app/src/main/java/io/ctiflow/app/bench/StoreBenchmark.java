package io.ctiflow.app.bench;

import io.ctiflow.taxii.store.AddResult;
import io.ctiflow.taxii.store.NewObject;
import io.ctiflow.taxii.store.StoreSettings;
import io.ctiflow.taxii.store.TaxiiStore;
import io.ctiflow.taxii.store.TaxiiTime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The TAXII store alone under the pipeline's fan-out: {@link TaxiiStore#addAll} of batches of 2,000 generated
 * indicators to five collections, 70 % of each batch going to all five and 30 % to one (as shared and
 * destination-specific objects do), the same bytes for every collection. Prints the stored rate (membership
 * rows per second) for every 100,000 indicators, so that a store slowing as its collections grow shows,
 * and the ratio of the last segment to the first. A warm-up of 20,000 indicators into a throw-away store first.
 */
public final class StoreBenchmark {

    static final int BATCH = 2000;
    static final int COLLECTIONS = 5;
    static final int SEGMENT = 100_000;

    private StoreBenchmark() {
    }

    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("stored", "stored objects/s"),
            new BenchReport.Column("indicators", "indicators/s"),
            new BenchReport.Column("elapsed", "s so far"),
            new BenchReport.Column("heap", "heap used MB"),
            new BenchReport.Column("total", "objects stored"),
            new BenchReport.Column("seconds", "s"),
            new BenchReport.Column("first", "first 100,000 stored/s"),
            new BenchReport.Column("last", "last stored/s"),
            new BenchReport.Column("ratio", "last / first"));

    /**
     * @param url  the store's JDBC URL, or null for a fresh H2 file in {@code work}
     * @param echo gets the console text as each segment finishes
     */
    public static BenchReport run(Path work, String url, String user, String password, int indicators, Consumer<String> echo) {
        BenchReport report = new BenchReport("store", "TAXII store fan-out", "indicators", COLUMNS, echo);
        report.text(String.format(Locale.ROOT, "TAXII store fan-out benchmark: %,d indicators in batches of %,d, addAll to %d collections "
                + "(70 %% to all, 30 %% to one), %d processors, max heap %,d MB%n", indicators, BATCH, COLLECTIONS,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        measure(settings(work, null, null, null, "warmup"), 20_000, null);
        StoreSettings settings = settings(work, url, user, password, "store");
        report.progress(String.format(Locale.ROOT, "store: %s%n", settings.url()));
        List<double[]> segments = measure(settings, indicators, report);
        double first = segments.get(0)[1];
        double last = segments.get(segments.size() - 1)[1];
        double total = 0;
        double seconds = 0;
        for (double[] s : segments) {
            total += s[0];
            seconds += s[0] / s[1];
        }
        report.row(new BenchReport.Row("overall").put("total", "%,.0f", total).put("seconds", "%.1f", seconds).put("stored", "%,.0f", total / seconds)
                        .put("first", "%,.0f", first).put("last", "%,.0f", last).put("ratio", "%.2f", last / first),
                "\nstored {total} objects (membership rows) in {seconds} s: {stored} stored objects/s overall; "
                        + "first 100,000 indicators {first}/s, last {last}/s: ratio last/first {ratio}\n");
        return report;
    }

    private static StoreSettings settings(Path work, String url, String user, String password, String name) {
        if (url != null) {
            return new StoreSettings(url, user, password);
        }
        return StoreSettings.h2File(work.resolve(name + "-" + UUID.randomUUID()).resolve("taxii"));
    }

    /** Returns per segment {stored, stored/s}; adds a row per segment to {@code report} unless it is null (the warm-up). */
    private static List<double[]> measure(StoreSettings settings, int indicators, BenchReport report) {
        List<double[]> segments = new ArrayList<>();
        List<String> collections = new ArrayList<>();
        long runId = System.nanoTime();
        try (TaxiiStore store = TaxiiStore.open(settings)) {
            for (int c = 0; c < COLLECTIONS; c++) {
                collections.add(UUID.randomUUID().toString());
                store.ensureCollection(collections.get(c));
            }
            long segmentStart = System.nanoTime();
            long segmentStored = 0;
            long start = segmentStart;
            int segmentFrom = 0;
            for (int from = 0; from < indicators; from += BATCH) {
                Map<String, List<NewObject>> batch = new LinkedHashMap<>();
                collections.forEach(c -> batch.put(c, new ArrayList<>()));
                for (int n = from; n < Math.min(indicators, from + BATCH); n++) {
                    NewObject o = indicator(runId, n);
                    if (n % 10 < 7) {
                        collections.forEach(c -> batch.get(c).add(o));
                    } else {
                        batch.get(collections.get(n % COLLECTIONS)).add(o);
                    }
                }
                for (AddResult r : store.addAll(batch).values()) {
                    segmentStored += r.newlyStored();
                }
                int done = Math.min(indicators, from + BATCH);
                if (done % SEGMENT == 0 || done == indicators) {
                    long now = System.nanoTime();
                    double rate = segmentStored / ((now - segmentStart) / 1e9);
                    segments.add(new double[] {segmentStored, rate});
                    if (report != null) {
                        Runtime rt = Runtime.getRuntime();
                        report.row(new BenchReport.Row(String.format(Locale.ROOT, "%,d", done)).put("stored", "%,.0f", rate)
                                        .put("indicators", "%,.0f", (done - segmentFrom) / ((now - segmentStart) / 1e9))
                                        .put("elapsed", "%,.1f", (now - start) / 1e9).put("heap", "%,d", (rt.totalMemory() - rt.freeMemory()) >> 20),
                                "at {label:9} indicators: {stored:10} stored objects/s ({indicators} indicators/s) in this segment, "
                                        + "{elapsed} s so far, heap used {heap} MB\n");
                    }
                    segmentStart = now;
                    segmentStored = 0;
                    segmentFrom = done;
                }
            }
        }
        return segments;
    }

    /** SplitMix64's finaliser: a fixed, well-spread function of n. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static NewObject indicator(long runId, int n) {
        // random-looking ids, as real STIX ids (UUIDv4) are: sequential ones would make every id index append-only
        String id = "indicator--" + new UUID(mix(runId * 31 + n) & ~0xF000L | 0x4000L, mix(~runId ^ (long) n << 20) & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
        String ip = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
        String json = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-02T00:00:00.000Z\",\"name\":\"C2 " + ip + "\",\"indicator_types\":[\"malicious-activity\"],"
                + "\"pattern\":\"[ipv4-addr:value = '" + ip + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00.000Z\","
                + "\"confidence\":80,\"labels\":[\"rsit:malicious-code=\\\"c2-server\\\"\"],"
                + "\"object_marking_refs\":[\"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487\"]}";
        return new NewObject(id, "indicator", TaxiiTime.parse("2024-01-02T00:00:00.000Z"), "2.1", json.getBytes(StandardCharsets.UTF_8));
    }
}

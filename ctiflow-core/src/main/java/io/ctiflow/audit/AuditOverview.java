package io.ctiflow.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decisions of the audit trail counted per destination and outcome, the withheld ones per rule, and the same
 * counts over time in at most {@link #MAX_BUCKETS} buckets (each as wide as needed: a second for a demo, a day for a
 * year). One streaming pass: memory stays bounded whatever the size of the trail. What the console's overview shows.
 */
public final class AuditOverview {

    public static final List<String> OUTCOMES = List.of("shared", "redacted", "withheld");
    static final int MAX_BUCKETS = 120;
    private static final long[] WIDTHS = {1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 86_400, 7 * 86_400, 30 * 86_400, 365 * 86_400};

    private final Map<String, long[]> totals = new TreeMap<>();
    private final Map<String, Map<String, Long>> withheldByRule = new TreeMap<>();
    /** bucket start (epoch seconds) -> destination -> counts per outcome. */
    private TreeMap<Long, Map<String, long[]>> buckets = new TreeMap<>();
    private int width;
    private long malformed;

    private AuditOverview() {
    }

    public static AuditOverview read(Path dir) throws IOException {
        AuditOverview overview = new AuditOverview();
        overview.malformed = AuditRecords.forEach(dir, null, overview::add);
        return overview;
    }

    private void add(JsonNode r) {
        int outcome = OUTCOMES.indexOf(r.path("outcome").asText());
        if (outcome < 0) {
            return;
        }
        String destination = r.path("destination").asText();
        totals.computeIfAbsent(destination, d -> new long[OUTCOMES.size()])[outcome]++;
        if (outcome == 2) {
            withheldByRule.computeIfAbsent(destination, d -> new TreeMap<>()).merge(r.path("rule").asText(), 1L, Long::sum);
        }
        Instant time = AuditRecords.time(r);
        if (time != null) {
            buckets.computeIfAbsent(start(time.getEpochSecond()), b -> new TreeMap<>())
                    .computeIfAbsent(destination, d -> new long[OUTCOMES.size()])[outcome]++;
            while (buckets.size() > 1 && (buckets.lastKey() - buckets.firstKey()) / WIDTHS[width] >= MAX_BUCKETS && width < WIDTHS.length - 1) {
                widen();
            }
        }
    }

    private long start(long epochSecond) {
        return Math.floorDiv(epochSecond, WIDTHS[width]) * WIDTHS[width];
    }

    /** Merges the buckets into ones of the next width. */
    private void widen() {
        width++;
        TreeMap<Long, Map<String, long[]>> wider = new TreeMap<>();
        buckets.forEach((at, perDestination) -> perDestination.forEach((destination, counts) -> {
            long[] into = wider.computeIfAbsent(start(at), b -> new TreeMap<>()).computeIfAbsent(destination, d -> new long[OUTCOMES.size()]);
            for (int i = 0; i < counts.length; i++) {
                into[i] += counts[i];
            }
        }));
        buckets = wider;
    }

    /** Destination -> shared, redacted, withheld. */
    public Map<String, long[]> totals() {
        return totals;
    }

    public long count(String destination, String outcome) {
        long[] counts = totals.get(destination);
        return counts == null ? 0 : counts[OUTCOMES.indexOf(outcome)];
    }

    /** Destination -> rule -> objects withheld by it. */
    public Map<String, Map<String, Long>> withheldByRule() {
        return withheldByRule;
    }

    /** How many seconds each bucket of {@link #series} spans. */
    public long bucketSeconds() {
        return WIDTHS[width];
    }

    /** The bucket starts (epoch seconds), every bucket from the first to the last, empty ones included. */
    public long[] times() {
        if (buckets.isEmpty()) {
            return new long[0];
        }
        int n = (int) ((buckets.lastKey() - buckets.firstKey()) / bucketSeconds()) + 1;
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = buckets.firstKey() + i * bucketSeconds();
        }
        return times;
    }

    /** One destination's counts of an outcome per bucket of {@link #times()}. */
    public long[] series(String destination, String outcome) {
        long[] times = times();
        long[] values = new long[times.length];
        int o = OUTCOMES.indexOf(outcome);
        for (int i = 0; i < times.length; i++) {
            long[] counts = buckets.getOrDefault(times[i], Map.of()).get(destination);
            values[i] = counts == null ? 0 : counts[o];
        }
        return values;
    }

    /** Lines that were no record (see {@code ctiflow audit verify}). */
    public long malformed() {
        return malformed;
    }
}

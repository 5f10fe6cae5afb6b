package io.ctiflow.feed;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Pattern;
/** Counts per feed what went through: records read, STIX objects written, rejects by reason, failed inputs. */
public final class FeedStats {

    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    /** Counters of one feed. */
    public static final class Counts {
        public final LongAdder batches = new LongAdder();
        public final LongAdder records = new LongAdder();
        public final LongAdder objects = new LongAdder();
        public final LongAdder bundles = new LongAdder();
        public final LongAdder rejects = new LongAdder();
        public final LongAdder failedInputs = new LongAdder();
        public final Map<String, LongAdder> rejectReasons = new ConcurrentHashMap<>();
    }

    private final Map<String, Counts> feeds = new ConcurrentHashMap<>();
    private final List<Consumer<String>> newFeedListeners = new CopyOnWriteArrayList<>();

    /** Called once for each feed counted for the first time (the metrics bind their counters there). */
    public void onNewFeed(Consumer<String> listener) {
        newFeedListeners.add(listener);
    }

    public void record(Batch batch) {
        Counts c = of(batch.source());
        c.batches.increment();
        c.records.add(batch.recordsRead());
        c.objects.add(batch.objects().size());
        if (batch.hasObjects()) {
            c.bundles.increment();
        }
        for (Reject reject : batch.rejects()) {
            c.rejects.increment();
            // group reasons by their shape: "invalid ipv4 '1.2.3.999'" and "invalid ipv4 '0.0.0.0.0'" are one reason
            c.rejectReasons.computeIfAbsent(QUOTED.matcher(reject.reason()).replaceAll("'…'"), k -> new LongAdder()).increment();
        }
    }

    public void failedInput(String feed) {
        of(feed == null ? "(unknown feed)" : feed).failedInputs.increment();
    }

    public Counts of(String feed) {
        Counts counts = feeds.get(feed);
        if (counts != null) {
            return counts;
        }
        boolean[] added = {false};
        counts = feeds.computeIfAbsent(feed, k -> {
            added[0] = true;
            return new Counts();
        });
        if (added[0]) {
            newFeedListeners.forEach(l -> l.accept(feed));
        }
        return counts;
    }

    public Map<String, Counts> all() {
        return new TreeMap<>(feeds);
    }
}

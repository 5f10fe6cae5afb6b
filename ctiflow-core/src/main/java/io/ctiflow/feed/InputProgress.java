package io.ctiflow.feed;

import io.ctiflow.pipeline.Batch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of long inputs: while an input is being read, one line every interval per input
 * (source, input, records so far, records/s, objects), and one summary line when it ends. Fed by
 * wrapping the input's batch iterator ({@link #track}), so it costs two additions per batch.
 */
public final class InputProgress {

    private static final Logger LOG = LoggerFactory.getLogger(InputProgress.class);

    private final long intervalNanos;
    private final Map<Tracked, Boolean> running = new ConcurrentHashMap<>();

    public InputProgress(long intervalSeconds) {
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
    }

    /** The batches of one input, counted on their way through. */
    public Iterator<Batch> track(String source, String input, Iterator<Batch> batches) {
        Tracked t = new Tracked(source, input, batches);
        running.put(t, Boolean.TRUE);
        return t;
    }

    /** Logs a line for every input running for at least one interval; called every interval. */
    public void report() {
        long now = System.nanoTime();
        for (Tracked t : running.keySet()) {
            long elapsed = now - t.started;
            if (elapsed >= intervalNanos) {
                long records = t.records.get();
                LOG.info("progress {} {}: {} records ({} records/s), {} objects, {} s", t.source, t.input, records,
                        rate(records, elapsed), t.objects.get(), elapsed / 1_000_000_000L);
            }
        }
    }

    /** Inputs being read now. */
    public int running() {
        return running.size();
    }

    private static long rate(long records, long nanos) {
        return nanos <= 0 ? 0 : Math.round(records * 1e9 / nanos);
    }

    private final class Tracked implements Iterator<Batch>, Closeable {
        final String source;
        final String input;
        final Iterator<Batch> batches;
        final long started = System.nanoTime();
        final AtomicLong records = new AtomicLong();
        final AtomicLong objects = new AtomicLong();
        final AtomicLong rejects = new AtomicLong();
        final AtomicBoolean finished = new AtomicBoolean();

        Tracked(String source, String input, Iterator<Batch> batches) {
            this.source = source;
            this.input = input;
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            boolean more = batches.hasNext();
            if (!more) {
                finish("done");
            }
            return more;
        }

        @Override
        public Batch next() {
            Batch b = batches.next();
            records.addAndGet(b.recordsRead());
            objects.addAndGet(b.objects().size());
            rejects.addAndGet(b.rejects().size());
            return b;
        }

        @Override
        public void close() throws IOException {
            finish("stopped");
            if (batches instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }

        private void finish(String how) {
            if (finished.compareAndSet(false, true)) {
                running.remove(this);
                long elapsed = System.nanoTime() - started;
                LOG.info("{} {} {}: {} records, {} objects, {} rejects in {} ms ({} records/s)", how, source, input, records.get(),
                        objects.get(), rejects.get(), elapsed / 1_000_000L, rate(records.get(), elapsed));
            }
        }
    }
}

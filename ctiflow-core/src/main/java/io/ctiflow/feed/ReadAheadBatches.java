package io.ctiflow.feed;

import io.ctiflow.pipeline.Batch;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Maps the next batches on another thread while the route serialises and writes the current one,
 * so reading/mapping and writing overlap on two cores. At most {@code depth} batches wait in
 * between, so memory stays bounded; a failure while reading is rethrown to the route in order.
 */
public final class ReadAheadBatches implements Iterator<Batch>, Closeable {

    private static final Object END = new Object();

    private final FeedConverter source;
    private final Consumer<Batch> onMapped;
    private final BlockingQueue<Object> queue;
    private final Future<?> reader;
    private Object next;

    /** @param onMapped work on each batch that can be done on the reader's thread before the route takes it */
    public ReadAheadBatches(FeedConverter source, ExecutorService executor, int depth, Consumer<Batch> onMapped) {
        this.source = source;
        this.onMapped = onMapped;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, depth));
        this.reader = executor.submit(this::readAll);
    }

    private void readAll() {
        try {
            while (source.hasNext()) {
                Batch batch = source.next();
                onMapped.accept(batch);
                queue.put(batch);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                queue.put(e);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        if (next instanceof Error e) {
            throw e;
        }
        return next != END;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch batch = (Batch) next;
        next = null;
        return batch;
    }

    /** Stops reading (the route may stop early on an error) and closes the input. */
    @Override
    public void close() {
        reader.cancel(true);
        try {
            reader.get();
        } catch (Exception e) {
            // cancelled or failed: the failure, if any, was already handed to the route
        }
        source.close();
    }
}

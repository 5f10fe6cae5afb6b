package io.ctiflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.JsonRecord;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.mapping.SourceRecord;
import io.ctiflow.mapping.StixSink;
import io.ctiflow.mapping.TaxonomyRecord;
import io.ctiflow.mapping.TaxonomyToStix;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.pipeline.Stages;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
/**
 * Turns a feed stream into batches of STIX objects: reads records one at a time (CSV or JSON, per
 * the mapping), maps them to the common taxonomy and on to STIX, and sets bad records aside with
 * their line and reason. Holds at most one batch in memory, whatever the feed size.
 */
public final class FeedConverter implements Iterator<Batch>, AutoCloseable {

    private final FeedMapping mapping;
    private final TaxonomyToStix toStix;
    private final int batchSize;
    private final String origin;
    private final Iterator<? extends SourceRecord> records;
    private final AutoCloseable reader;
    private final Instant ingested = Instant.now();
    private int sequence;
    private boolean emittedAny;

    public FeedConverter(InputStream in, String origin, FeedMapping mapping, TaxonomyToStix toStix, int batchSize) throws IOException {
        this(in, origin, mapping, toStix, batchSize, null);
    }

    /**
     * @param recordsPath where the records are in a JSON document, overriding the mapping's
     *                    {@code json.records} (a connector's record selector, e.g. {@code $.data} or
     *                    {@code results.items}); null keeps the mapping's
     */
    public FeedConverter(InputStream in, String origin, FeedMapping mapping, TaxonomyToStix toStix, int batchSize, String recordsPath)
            throws IOException {
        this(in, origin, mapping, toStix, batchSize, recordsPath, FeedLimits.DEFAULT);
    }

    /** @param limits what one record may cost (larger ones are rejects, or fail a JSON array) */
    public FeedConverter(InputStream in, String origin, FeedMapping mapping, TaxonomyToStix toStix, int batchSize, String recordsPath,
                         FeedLimits limits) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.mapping = mapping;
        this.toStix = toStix;
        this.batchSize = batchSize;
        this.origin = origin;
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        if ("csv".equals(mapping.format())) {
            CsvRecordReader csv = new CsvRecordReader(reader, origin, mapping.csv(), limits);
            this.records = csv;
            this.reader = csv;
        } else {
            FeedMapping.JsonLayout layout = mapping.json();
            if (recordsPath != null && !recordsPath.isBlank()) {
                layout = new FeedMapping.JsonLayout(recordsSelector(recordsPath), false);
            }
            JsonRecordReader json = new JsonRecordReader(reader, origin, layout, limits);
            this.records = json;
            this.reader = json;
        }
    }

    /** A JSONPath-like record selector ({@code $}, {@code $.data}, {@code $.a.b[*]}) as the reader's dotted path. */
    public static String recordsSelector(String selector) {
        String path = selector.trim();
        if (path.startsWith("$")) {
            path = path.substring(1);
        }
        if (path.endsWith("[*]")) {
            path = path.substring(0, path.length() - 3);
        }
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        if (!path.isEmpty() && !path.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("record selector '" + selector + "': only $, $.name and $.a.b (optionally ending in [*]) are supported");
        }
        return path;
    }

    private FeedConverter(Iterator<? extends SourceRecord> records, String origin, FeedMapping mapping, TaxonomyToStix toStix,
                          int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.mapping = mapping;
        this.toStix = toStix;
        this.batchSize = batchSize;
        this.origin = origin;
        this.records = records;
        this.reader = () -> { };
    }

    /**
     * Converts one element of a JSON feed's records array that a consumer already parsed (e.g. one
     * OTX pulse): the element itself is the record, or, for a nested mapping ({@code json.each}),
     * each element of its inner array with the element as {@code $parent}.
     */
    public static FeedConverter ofJsonRecord(JsonNode element, String origin, FeedMapping mapping,
                                             TaxonomyToStix toStix, int batchSize) {
        if (mapping.json() == null) {
            throw new IllegalArgumentException(mapping.file() + " is not a JSON mapping");
        }
        return new FeedConverter(mapping.json().records(element, origin, 1).iterator(), origin, mapping, toStix, batchSize);
    }

    @Override
    public boolean hasNext() {
        // an empty feed still yields one (empty) batch, so every input is accounted for
        return records.hasNext() || !emittedAny;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        emittedAny = true;
        long started = System.nanoTime();
        Collector collector = new Collector();
        List<Reject> rejects = new ArrayList<>();
        long read = 0;
        // a batch also ends at batchSize rejects: a feed of bad records must not pile them up in memory
        while (collector.objects.size() < batchSize && rejects.size() < batchSize && records.hasNext()) {
            SourceRecord record = records.next();
            read++;
            try {
                if (record instanceof OversizedRecord oversized) {
                    throw new RecordRejected(oversized.reason());
                }
                if (record instanceof JsonRecord json && json.node().isTextual()) {
                    throw new RecordRejected("not valid JSON");
                }
                for (TaxonomyRecord t : mapping.map(record)) {
                    toStix.toStix(t, mapping.title(), ingested, collector);
                }
            } catch (RecordRejected e) {
                rejects.add(new Reject(mapping.name(), record.origin(), record.line(), e.getMessage(), record.raw()));
            }
        }
        List<StixObject> objects = new ArrayList<>(collector.shared.size() + collector.objects.size());
        if (!collector.objects.isEmpty()) {
            objects.addAll(collector.shared.values());
            objects.addAll(collector.objects.values());
        }
        Stages.MAP.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return new Batch(mapping.name(), origin, ++sequence, read, objects, rejects);
    }

    /** Collects one batch, one object per id (a feed may list the same observable twice). */
    private static final class Collector implements StixSink {
        final Map<String, StixObject> shared = new LinkedHashMap<>();
        final Map<String, StixObject> objects = new LinkedHashMap<>();

        @Override
        public void object(StixObject stixObject) {
            objects.merge(stixObject.id(), stixObject, Collector::newer);
        }

        @Override
        public void shared(StixObject stixObject) {
            shared.putIfAbsent(stixObject.id(), stixObject);
        }

        private static StixObject newer(StixObject a, StixObject b) {
            return String.valueOf(b.modified()).compareTo(String.valueOf(a.modified())) > 0 ? b : a;
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("closing " + origin, e));
        }
    }
}

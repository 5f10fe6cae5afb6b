package io.ctiflow.pipeline;

import io.ctiflow.stix.StixObject;

import java.util.List;

/**
 * A slice of a feed on its way through the pipeline: the STIX objects mapped from up to
 * batch-size records (shared objects first, so every bundle is self-contained) and the records
 * rejected on the way. One batch becomes one bundle file.
 */
public record Batch(String source, String origin, int sequence, long recordsRead, List<StixObject> objects, List<Reject> rejects) {

    /** Identity, not content: Camel hashes bodies, and hashing a thousand STIX trees per batch cost most of the pipeline's time. */
    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    public boolean hasObjects() {
        return !objects.isEmpty();
    }

    /** The bundle file name: feed, input name and sequence, e.g. {@code urlhaus-csv_recent-00001.json}. */
    public String bundleName() {
        String stem = origin.replace('\\', '/');
        stem = stem.substring(stem.lastIndexOf('/') + 1);
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        stem = stem.replaceAll("[^A-Za-z0-9_.-]", "_");
        return source + "-" + stem + "-" + String.format("%05d", sequence) + ".json";
    }
}

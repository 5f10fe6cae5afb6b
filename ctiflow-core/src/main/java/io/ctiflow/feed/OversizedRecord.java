package io.ctiflow.feed;

import io.ctiflow.mapping.SourceRecord;

/** A record past {@link FeedLimits}: skipped unread, it becomes a reject with its line and the limit. */
record OversizedRecord(String origin, long line, String reason) implements SourceRecord {

    @Override
    public String raw() {
        return ""; // never held in memory: that is the point
    }
}

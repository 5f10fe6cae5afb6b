package io.ctiflow.feed;

import java.util.Optional;
import java.util.function.Function;

/**
 * What one record of a feed may cost (option {@value #MAX_RECORD_CHARS}): a CSV record (all its
 * cells, quoted line breaks included), an NDJSON line or an element of a JSON records array larger
 * than this is never held in memory. A CSV record or NDJSON line is a reject and reading goes on
 * with the next one; a JSON array cannot be resynchronised, so the file fails with the reason.
 */
public record FeedLimits(int maxRecordChars) {

    public static final String MAX_RECORD_CHARS = "ctiflow.input.max-record-chars";
    public static final FeedLimits DEFAULT = new FeedLimits(1 << 20);

    public FeedLimits {
        if (maxRecordChars < 1) {
            throw new IllegalArgumentException(MAX_RECORD_CHARS + " must be at least 1, was " + maxRecordChars);
        }
    }

    /** From the configuration (ctiflow-defaults.properties, --config, environment); defaults for what is not set. */
    public static FeedLimits from(Function<String, Optional<String>> property) {
        return new FeedLimits(property.apply(MAX_RECORD_CHARS).map(String::trim).map(Integer::parseInt).orElse(DEFAULT.maxRecordChars));
    }

    /** The reason of a reject or failure, naming the limit and its option. */
    String tooLarge() {
        return "record larger than the limit of " + maxRecordChars + " characters (" + MAX_RECORD_CHARS + ")";
    }
}

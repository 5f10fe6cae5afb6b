package io.ctiflow.taxii.client;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** TAXII timestamps (RFC 3339): parsing with a clear error, and the overlap used when resuming. */
final class TaxiiTime {

    /**
     * How far before the last seen date_added a resumed read starts. Servers state date_added in the
     * headers at millisecond or microsecond precision (or truncate one to the other); starting one
     * millisecond early re-reads every object that shares the last date_added, and the boundary
     * keys drop the ones already delivered, so nothing is skipped and nothing comes twice.
     */
    static final long OVERLAP_NANOS = 1_000_000;

    private TaxiiTime() {
    }

    static Instant parse(String text, String what) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not an RFC 3339 timestamp"
                    + " (e.g. 2024-01-31T12:00:00.000Z)", e);
        }
    }

    /** The added_after to resume from: the last date_added minus the overlap, in UTC. */
    static String resumeFrom(String dateAddedLast) {
        return parse(dateAddedLast, "X-TAXII-Date-Added-Last").minusNanos(OVERLAP_NANOS).toString();
    }

    /** True when an object of a page whose last date_added is {@code pageLast} can come again after resuming at {@code last}. */
    static boolean withinOverlap(String pageLast, String last) {
        Instant from = parse(last, "date_added").minusNanos(OVERLAP_NANOS);
        return parse(pageLast, "date_added").isAfter(from);
    }
}

package io.ctiflow.taxii.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * TAXII timestamps as epoch microseconds: date_added, versions and added_after are compared as
 * numbers, and written with microsecond precision (RFC 3339, UTC) as TAXII 2.1 allows.
 */
public final class TaxiiTime {

    /** The stored version of objects that have neither modified nor created (e.g. SCOs). */
    public static final long NO_VERSION = Long.MIN_VALUE;

    private TaxiiTime() {
    }

    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** Parses an RFC 3339 timestamp (any precision, 'Z' or an offset) to epoch microseconds. */
    public static long parse(String timestamp) {
        try {
            return micros(java.time.OffsetDateTime.parse(timestamp).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 timestamp: '" + timestamp + "'");
        }
    }

    public static long nowMicros() {
        return micros(Instant.now());
    }

    /** {@code 2026-12-01T22:07:11.123456Z}. */
    public static String format(long micros) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        String s = t.toString(); // ISO-8601 with 0, 3, 6 or 9 fraction digits
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s.substring(0, s.length() - 1) : s.substring(0, dot);
        String fraction = dot < 0 ? "" : s.substring(dot + 1, s.length() - 1);
        return whole + "." + (fraction + "000000").substring(0, 6) + "Z";
    }
}

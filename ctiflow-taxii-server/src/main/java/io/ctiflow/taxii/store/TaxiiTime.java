package io.ctiflow.taxii.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        long fast = parseUtc(timestamp);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        if (timestamp.matches(".*\\.(?![0-9]).*")) { // java.time takes "00.Z"; RFC 3339 wants digits after the dot
            throw new IllegalArgumentException("not an RFC 3339 timestamp: '" + timestamp + "'");
        }
        try {
            return micros(OffsetDateTime.parse(timestamp).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 timestamp: '" + timestamp + "'");
        }
    }

    public static long nowMicros() {
        return micros(Instant.now());
    }

    /** {@code 2026-12-01T22:07:11.123456Z}; hand-rolled because it runs for every object in a status or manifest. */
    public static String format(long micros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L).toString();
        }
        char[] c = "0000-00-00T00:00:00.000000Z".toCharArray();
        digits(c, 0, t.getYear(), 4);
        digits(c, 5, t.getMonthValue(), 2);
        digits(c, 8, t.getDayOfMonth(), 2);
        digits(c, 11, t.getHour(), 2);
        digits(c, 14, t.getMinute(), 2);
        digits(c, 17, t.getSecond(), 2);
        digits(c, 20, (int) Math.floorMod(micros, 1_000_000L), 6);
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            c[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The STIX form {@code yyyy-MM-ddTHH:mm:ss[.f...]Z} without a formatter; MIN_VALUE for anything else (the slow path decides). */
    private static long parseUtc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || s.charAt(n - 1) != 'Z') {
            return Long.MIN_VALUE;
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 7);
        int day = num(s, 8, 10);
        int hour = num(s, 11, 13);
        int minute = num(s, 14, 16);
        int second = num(s, 17, 19);
        long micros = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return Long.MIN_VALUE;
            }
            for (int i = 20; i < n - 1; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return Long.MIN_VALUE;
                }
                if (i < 26) {
                    micros = micros * 10 + d;
                }
            }
            for (int i = Math.min(n - 1, 26); i < 26; i++) {
                micros *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return Long.MIN_VALUE;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC) * 1_000_000L + micros;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE; // e.g. February 30th: the slow path reports it
        }
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -100; // out of every range checked above
            }
            v = v * 10 + d;
        }
        return v;
    }
}

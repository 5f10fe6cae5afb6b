package io.ctiflow.stix;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** STIX timestamps: RFC 3339, always UTC ('Z'), always millisecond precision, as the spec requires for created/modified. */
public final class StixTime {

    private StixTime() {
    }

    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        // hand-rolled: DateTimeFormatter costs more than the rest of an indicator on the hot path
        char[] c = new char[24];
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year out of the RFC 3339 range: " + instant);
        }
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = '.';
        digits(c, 20, t.getNano() / 1_000_000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    public static String now() {
        return format(Instant.now());
    }

    public static Instant parse(String timestamp) {
        return Instant.parse(timestamp);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            c[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}

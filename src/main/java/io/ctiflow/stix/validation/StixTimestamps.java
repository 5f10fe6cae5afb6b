package io.ctiflow.stix.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STIX 2.1 timestamps (section 3.2): RFC 3339 in UTC with a 'Z' suffix; fractional seconds optional, any number
 * of digits. Checked strictly here because {@link Instant#parse} accepts forms STIX forbids (offsets) and the
 * schema's regular expression accepts dates that do not exist (2016-02-30).
 */
final class StixTimestamps {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?Z");
    private static final Pattern WITH_OFFSET =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:[+-]\\d{2}:?\\d{2}|z)");

    private StixTimestamps() {
    }

    /** Why the text is not a STIX timestamp, or null when it is one. */
    static String problem(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            if (WITH_OFFSET.matcher(text).matches()) {
                return "'" + text + "' is not in UTC (STIX timestamps end in 'Z', e.g. 2016-05-12T08:17:27.000Z)";
            }
            return "'" + text + "' is not an RFC 3339 timestamp (expected e.g. 2016-05-12T08:17:27.000Z)";
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        String field = month < 1 || month > 12 ? "month"
                : day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth() ? "day"
                : Integer.parseInt(m.group(4)) > 23 ? "hour"
                : Integer.parseInt(m.group(5)) > 59 ? "minute"
                // 60 is a leap second, which RFC 3339 allows
                : Integer.parseInt(m.group(6)) > 60 ? "second" : null;
        return field == null ? null : "'" + text + "' is not a valid timestamp (" + field + " out of range)";
    }

    /** The instant of a timestamp that passed {@link #problem}; digits beyond nanoseconds are dropped. */
    static Instant instant(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a STIX timestamp: " + text);
        }
        int second = Integer.parseInt(m.group(6));
        String fraction = m.group(7) == null ? "" : m.group(7);
        String nanos = (fraction.length() > 9 ? fraction.substring(0, 9) : fraction + "000000000").substring(0, 9);
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Math.min(second, 59), Integer.parseInt(nanos));
        Instant instant = local.toInstant(ZoneOffset.UTC);
        return second == 60 ? instant.plusSeconds(1) : instant;
    }

    /** True when the timestamp carries at least millisecond precision, as the spec asks of created/modified. */
    static boolean hasMilliseconds(String text) {
        Matcher m = FORMAT.matcher(text);
        return m.matches() && m.group(7) != null && m.group(7).length() >= 3;
    }
}

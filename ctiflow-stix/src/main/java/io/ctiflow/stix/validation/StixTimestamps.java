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

    /**
     * The common case without a regular expression: {@code yyyy-MM-ddTHH:mm:ss[.f+]Z} with fields in range.
     * Every object has two to four timestamps; the expression costs more than every other check of an object.
     */
    private static boolean isWellFormed(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return false;
        }
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return false;
            }
            for (int i = 20; i < n - 1; i++) {
                if (!digit(t.charAt(i))) {
                    return false;
                }
            }
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 2);
        int day = number(t, 8, 2);
        int hour = number(t, 11, 2);
        int minute = number(t, 14, 2);
        int second = number(t, 17, 2);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= LocalDate.of(year, month, 1).lengthOfMonth()
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The decimal number of {@code length} digits at {@code from}, or -1 when one is not a digit. */
    private static int number(String t, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = t.charAt(i);
            if (!digit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Why the text is not a STIX timestamp, or null when it is one. */
    static String problem(String text) {
        if (isWellFormed(text)) {
            return null;
        }
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
        if (isWellFormed(text) && number(text, 17, 2) < 60) {
            int n = text.length();
            int nanos = 0;
            for (int i = 20, digits = 0; i < n - 1 && digits < 9; i++, digits++) {
                nanos = nanos * 10 + (text.charAt(i) - '0');
            }
            for (int digits = Math.max(0, Math.min(9, n - 21)); digits < 9; digits++) {
                nanos *= 10;
            }
            return LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2), number(text, 11, 2),
                    number(text, 14, 2), number(text, 17, 2), nanos).toInstant(ZoneOffset.UTC);
        }
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
        if (isWellFormed(text)) {
            return text.length() >= 24; // "....ss" + ".fff" + "Z"
        }
        Matcher m = FORMAT.matcher(text);
        return m.matches() && m.group(7) != null && m.group(7).length() >= 3;
    }
}

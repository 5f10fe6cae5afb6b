package io.ctiflow.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast parser for the fixed-width numeric date layouts feeds use most ("yyyy-MM-dd HH:mm:ss",
 * "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd", with optional ".SSS"): digits read by position, no
 * DateTimeFormatter machinery, which cost a third of the mapping time per row. Other layouts
 * return null from {@link #compile} and use DateTimeFormatter.
 */
final class FixedWidthDateParser {

    private record Field(char letter, int start, int width) {
    }

    /** What Instant.toString() writes for whole seconds, the date transform's usual output. */
    static final FixedWidthDateParser ISO_SECONDS_UTC = compile("yyyy-MM-dd'T'HH:mm:ss'Z'", ZoneOffset.UTC);

    private final List<Field> fields;
    private final String literals;
    private final int length;
    private final ZoneId zone;
    private final ZoneOffset fixedOffset;

    private FixedWidthDateParser(List<Field> fields, String literals, int length, ZoneId zone) {
        this.fields = fields;
        this.literals = literals;
        this.length = length;
        this.zone = zone;
        this.fixedOffset = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
    }

    /** A parser for the pattern, or null when the pattern is not a plain fixed-width numeric layout. */
    static FixedWidthDateParser compile(String pattern, ZoneId zone) {
        List<Field> fields = new ArrayList<>();
        StringBuilder literals = new StringBuilder();
        int pos = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int close = pattern.indexOf('\'', i + 1);
                if (close != i + 2) {
                    return null; // only single quoted characters such as 'T'
                }
                literals.append(pattern.charAt(i + 1));
                pos++;
                i = close + 1;
                continue;
            }
            if ("yMdHmsS".indexOf(c) >= 0) {
                int j = i;
                while (j < pattern.length() && pattern.charAt(j) == c) {
                    j++;
                }
                int width = j - i;
                boolean ok = switch (c) {
                    case 'y' -> width == 4;
                    case 'S' -> width == 3;
                    default -> width == 2;
                };
                if (!ok) {
                    return null;
                }
                fields.add(new Field(c, pos, width));
                for (int k = 0; k < width; k++) {
                    literals.append('\0');
                }
                pos += width;
                i = j;
                continue;
            }
            if (Character.isLetter(c)) {
                return null; // zone, text month, day of week...: leave to DateTimeFormatter
            }
            literals.append(c);
            pos++;
            i++;
        }
        boolean hasDate = fields.stream().anyMatch(f -> f.letter() == 'y') && fields.stream().anyMatch(f -> f.letter() == 'M')
                && fields.stream().anyMatch(f -> f.letter() == 'd');
        return hasDate ? new FixedWidthDateParser(fields, literals.toString(), pos, zone) : null;
    }

    /** The instant, or null when the text does not fit the layout (the caller then reports it). */
    Instant parse(String text) {
        if (text.length() != length) {
            return null;
        }
        for (int i = 0; i < length; i++) {
            char expected = literals.charAt(i);
            char c = text.charAt(i);
            if (expected == '\0' ? (c < '0' || c > '9') : c != expected) {
                return null;
            }
        }
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int millis = 0;
        for (Field f : fields) {
            int v = 0;
            for (int k = f.start(); k < f.start() + f.width(); k++) {
                v = v * 10 + (text.charAt(k) - '0');
            }
            switch (f.letter()) {
                case 'y' -> year = v;
                case 'M' -> month = v;
                case 'd' -> day = v;
                case 'H' -> hour = v;
                case 'm' -> minute = v;
                case 's' -> second = v;
                default -> millis = v;
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
            ZoneOffset offset = fixedOffset != null ? fixedOffset : zone.getRules().getOffset(local);
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            return null; // month 13, February 30...
        }
    }
}

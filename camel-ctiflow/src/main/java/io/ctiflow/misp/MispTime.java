package io.ctiflow.misp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** MISP's time formats: epoch seconds (as string or number), ISO 8601 with offset, "yyyy-MM-dd[ HH:mm:ss]". */
final class MispTime {

    private MispTime() {
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The instant, or null when the text is empty or unreadable. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (digits(s)) {
                return s.length() > 12 ? null : Instant.ofEpochSecond(Long.parseLong(s));
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            String iso = s.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(iso.matches(".*[+-]\\d{4}$")
                        ? iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2) : iso).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}

package io.ctiflow.connectors.otx;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** OTX times: ISO-8601 without a zone and meaning UTC ({@code 2016-11-03T20:15:43.264000}). */
final class OtxTime {

    /** How modified_since is sent: what OTX itself writes, microseconds, UTC, no zone. */
    private static final DateTimeFormatter QUERY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private OtxTime() {
    }

    /** Parses an OTX time, a date-time with offset, or a date; {@code what} names the value in the error. */
    static Instant parse(String text, String what) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not an ISO-8601 date or date-time");
        }
    }

    static String query(Instant instant) {
        return QUERY.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}

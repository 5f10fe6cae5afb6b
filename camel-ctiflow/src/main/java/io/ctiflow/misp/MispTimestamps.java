package io.ctiflow.misp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the {@code since} option: epoch seconds or an ISO-8601 date / date-time (UTC unless an offset is given). */
final class MispTimestamps {

    private MispTimestamps() {
    }

    static long parseSince(String since) {
        String text = since.trim();
        if (text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toEpochSecond();
            }
            return LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid since '" + since
                    + "': expected epoch seconds or an ISO-8601 date or date-time such as 2024-01-31 or "
                    + Instant.EPOCH, e);
        }
    }
}

package io.ctiflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
/**
 * Streams the records of an audit folder, oldest first, one parsed line at a time (memory stays bounded whatever
 * the size of the trail). Rotated files whose rotation time is before {@code since} are skipped unread: a file's
 * name is the time it was closed, after its last record.
 */
public final class AuditRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** Receives each record, or a line that is none. */
    public interface Visitor {
        void record(JsonNode record);

        /** A line that is not a JSON record: the reader goes on, the caller must say so (and {@code audit verify} fails on it). */
        void malformed(Path file, long line);
    }

    private AuditRecords() {
    }

    public static void read(Path dir, Instant since, Visitor visitor) throws IOException {
        for (Path file : AuditFiles.chain(dir)) {
            Instant closed = rotatedAt(file);
            if (since != null && closed != null && closed.isBefore(since)) {
                continue;
            }
            try (AuditLines lines = new AuditLines(file)) {
                while (lines.next()) {
                    JsonNode record = null;
                    if (!lines.tooLong()) {
                        try {
                            record = JSON.readTree(lines.bytes(), 0, lines.length());
                        } catch (IOException e) {
                            record = null;
                        }
                    }
                    if (record == null || !record.isObject() || !record.path("time").isTextual()) {
                        visitor.malformed(file, lines.lineNumber());
                    } else {
                        visitor.record(record);
                    }
                }
            }
        }
    }

    /** Every record into {@code each}, oldest first; returns how many lines were no record (for the caller to report). */
    public static long forEach(Path dir, Instant since, Consumer<JsonNode> each) throws IOException {
        long[] malformed = new long[1];
        read(dir, since, new Visitor() {
            @Override
            public void record(JsonNode record) {
                each.accept(record);
            }

            @Override
            public void malformed(Path file, long line) {
                malformed[0]++;
            }
        });
        return malformed[0];
    }

    /** When a rotated file was closed, from its name; null for the current file or a name that is not ctiflow's. */
    static Instant rotatedAt(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(AuditFiles.ROTATED_PREFIX) || !name.endsWith(".jsonl")) {
            return null;
        }
        try {
            return LocalDateTime.parse(name.substring(AuditFiles.ROTATED_PREFIX.length(), name.length() - ".jsonl".length()), ROTATED)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An RFC 3339 time, or a date (its start, UTC), as users type them on the command line. */
    public static Instant parseTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time (2026-12-01 or 2026-12-01T10:00:00Z): " + text);
        }
    }

    /** The record's time, or null when it is not a time. */
    public static Instant time(JsonNode record) {
        try {
            return Instant.parse(record.path("time").asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

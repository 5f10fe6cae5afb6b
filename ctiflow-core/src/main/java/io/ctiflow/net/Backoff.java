package io.ctiflow.net;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The retry policy every remote sender follows (taxii:, signed-webhook:, siem:): {@code maxRetries} retries
 * after the first attempt, waiting {@code base} milliseconds before the first retry and doubling for
 * each further one, at most 60 s apart; a server's Retry-After (seconds or HTTP date) is honoured up
 * to that limit.
 */
public final class Backoff {

    public static final long MAX_MILLIS = 60_000;

    private final int maxRetries;
    private final long base;

    public Backoff(int maxRetries, long baseMillis) {
        this.maxRetries = Math.max(0, maxRetries);
        this.base = Math.max(0, baseMillis);
    }

    /** The first attempt plus the retries. */
    public int attempts() {
        return maxRetries + 1;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The wait before retry {@code retry} (1 for the first retry), at least a server's Retry-After (capped). */
    public long waitBefore(int retry, long retryAfterMillis) {
        long wait = base << Math.min(Math.max(retry, 1) - 1, 20);
        long doubled = Math.min(wait < 0 ? MAX_MILLIS : wait, Math.max(base, MAX_MILLIS));
        return Math.max(doubled, Math.min(Math.max(0, retryAfterMillis), MAX_MILLIS));
    }

    /** Retry-After in milliseconds (delta-seconds or HTTP date), 0 when absent or unreadable. */
    public static long retryAfterMillis(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse("").trim();
        if (value.matches("\\d{1,6}")) {
            return Long.parseLong(value) * 1000;
        }
        if (value.isEmpty()) {
            return 0;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** Sleeps; the caller decides what an interruption means (the interrupt flag is set again). */
    public static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw e;
            }
        }
    }

    /** An exception as one short phrase for retry logs and failure messages: type and message. */
    public static String describe(Exception e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
    }
}

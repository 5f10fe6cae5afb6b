package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a status resource (GET status/{id}/) until it is complete or the status time-out has
 * passed, waiting statusInterval first and doubling up to 5 s between requests.
 */
final class StatusFollower {

    private static final long MAX_INTERVAL = 5_000;

    private final TaxiiClient client;
    private final long timeoutMillis;
    private final long intervalMillis;

    StatusFollower(TaxiiClient client, long timeoutMillis, long intervalMillis) {
        this.client = client;
        this.timeoutMillis = timeoutMillis;
        this.intervalMillis = Math.max(1, intervalMillis);
    }

    static boolean complete(JsonNode status) {
        return "complete".equals(status.path("status").asText())
                || status.has("pending_count") && status.path("pending_count").asLong() == 0
                && !"pending".equals(status.path("status").asText());
    }

    /** The last status seen: complete, or still pending when the time-out passed. */
    JsonNode follow(JsonNode status) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long interval = intervalMillis;
        JsonNode current = status;
        while (!complete(current)) {
            String id = current.path("id").asText("");
            if (id.isEmpty()) {
                throw new TaxiiException("TAXII collection " + client.collection() + " answered a POST with a pending"
                        + " status that has no id to follow");
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return current;
            }
            sleep(Math.min(interval, left));
            interval = Math.min(interval * 2, MAX_INTERVAL);
            current = client.status(id);
        }
        return current;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaxiiException("interrupted while following a status of " + client.collection(), e);
        }
    }
}

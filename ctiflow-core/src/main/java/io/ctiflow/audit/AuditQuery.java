package io.ctiflow.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Arrays;

/**
 * Which decisions to find: every criterion given must hold. {@code object} matches an id or its start
 * ({@code indicator--}); {@code rule} matches any of the rules that redacted an object; times are inclusive
 * {@code since}, exclusive {@code until}.
 */
public record AuditQuery(String destination, String object, String source, String rule, String outcome, Instant since, Instant until) {

    public boolean matches(JsonNode r) {
        if (destination != null && !destination.equals(r.path("destination").asText())) {
            return false;
        }
        if (object != null && !r.path("object").asText().startsWith(object)) {
            return false;
        }
        if (source != null && !source.equals(r.path("source").asText(null))) {
            return false;
        }
        if (outcome != null && !outcome.equalsIgnoreCase(r.path("outcome").asText())) {
            return false;
        }
        if (rule != null && Arrays.stream(r.path("rule").asText().split(",")).noneMatch(rule::equals)) {
            return false;
        }
        if (since != null || until != null) {
            Instant t = AuditRecords.time(r);
            return t != null && (since == null || !t.isBefore(since)) && (until == null || t.isBefore(until));
        }
        return true;
    }
}

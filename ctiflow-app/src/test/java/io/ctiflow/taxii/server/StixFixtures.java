package io.ctiflow.taxii.server;

import java.util.UUID;
import java.util.stream.IntStream;

/** Valid STIX 2.1 indicators and envelopes for the server tests. */
final class StixFixtures {

    private StixFixtures() {
    }

    static String indicator(String id, String modified) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"" + modified + "\",\"pattern\":\"[ipv4-addr:value = '192.0.2.1']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2024-01-01T00:00:00.000Z\"}";
    }

    static String newIndicatorId() {
        return "indicator--" + UUID.randomUUID();
    }

    static String envelope(String... objects) {
        return "{\"objects\":[" + String.join(",", objects) + "]}";
    }

    /** {@code count} new indicators with ids numbered from {@code from} (deterministic, so tests can tell them apart). */
    static String indicators(int from, int count) {
        return envelope(IntStream.range(from, from + count)
                .mapToObj(i -> indicator("indicator--" + new UUID(0x1234L, i), "2024-01-01T00:00:00.000Z"))
                .toArray(String[]::new));
    }
}

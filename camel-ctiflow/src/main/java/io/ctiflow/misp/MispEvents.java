package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalLong;

/** Reads the fields the consumers need from a MISP event (MISP writes numbers as strings or numbers). */
final class MispEvents {

    private MispEvents() {
    }

    static String uuid(JsonNode event) {
        JsonNode uuid = event.get("uuid");
        return uuid == null || !uuid.isValueNode() ? null : uuid.asText();
    }

    /** The event's timestamp in epoch seconds, if it has a readable one. */
    static OptionalLong timestamp(JsonNode event) {
        return epochSeconds(event.get("timestamp"));
    }

    static OptionalLong epochSeconds(JsonNode value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value.isIntegralNumber()) {
            return OptionalLong.of(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(value.asText().trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}

package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON object record of a vendor feed. */
public record JsonRecord(String origin, long line, JsonNode node) implements SourceRecord {

    @Override
    public String raw() {
        return node.toString();
    }
}

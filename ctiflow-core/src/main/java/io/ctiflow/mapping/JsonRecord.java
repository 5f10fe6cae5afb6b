package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON object record of a vendor feed. For nested layouts ({@code json.each}) the record is one
 * element of the inner array and {@code parent} the outer record it came from (paths starting with
 * {@code $parent.} read from it); otherwise {@code parent} is null.
 */
public record JsonRecord(String origin, long line, JsonNode node, JsonNode parent) implements SourceRecord {

    public JsonRecord(String origin, long line, JsonNode node) {
        this(origin, line, node, null);
    }

    @Override
    public String raw() {
        return node.toString();
    }
}

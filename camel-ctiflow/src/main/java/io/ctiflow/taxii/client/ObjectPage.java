package io.ctiflow.taxii.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer of GET .../objects/: the envelope's objects, more and next, and the
 * X-TAXII-Date-Added-First/-Last headers (null when the server sent none).
 */
record ObjectPage(List<StixObject> objects, boolean more, String next, String dateAddedFirst, String dateAddedLast) {

    static ObjectPage parse(TaxiiResponse response) {
        List<StixObject> objects = new ArrayList<>();
        boolean more = false;
        String next = null;
        if (response.body().length > 0) {
            try (JsonParser p = Stix.mapper().createParser(response.body())) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new TaxiiException("TAXII server at " + response.uri() + " sent no envelope (not a JSON object)");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "more" -> more = value == JsonToken.VALUE_TRUE;
                        case "next" -> next = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                        case "objects" -> readObjects(p, objects, response);
                        default -> p.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new TaxiiException("TAXII server at " + response.uri() + " sent an invalid envelope: "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        return new ObjectPage(objects, more, next == null || next.isBlank() ? null : next,
                response.header("X-TAXII-Date-Added-First").orElse(null),
                response.header("X-TAXII-Date-Added-Last").orElse(null));
    }

    private static void readObjects(JsonParser p, List<StixObject> objects, TaxiiResponse response) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new TaxiiException("TAXII server at " + response.uri() + " sent an envelope whose objects is not an array");
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            ObjectNode object = Stix.mapper().readTree(p);
            if (!object.hasNonNull("id") || !object.hasNonNull("type")) {
                throw new TaxiiException("TAXII server at " + response.uri() + " sent an object without id or type");
            }
            objects.add(StixObject.of(object));
        }
    }
}

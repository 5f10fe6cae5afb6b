package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;

import java.util.UUID;
/** Wraps served objects in a bundle so the project's STIX oracles can check them. */
final class Stix2Bundle {

    private Stix2Bundle() {
    }

    static JsonNode of(JsonNode objects) {
        ObjectNode bundle = Stix.mapper().createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        bundle.set("objects", objects.deepCopy());
        return bundle;
    }
}

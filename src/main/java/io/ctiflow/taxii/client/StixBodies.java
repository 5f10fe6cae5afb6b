package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.Batch;

import io.ctiflow.stix.StixObject;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The STIX objects a taxii: producer publishes, from whatever the exchange body is: a
 * {@link StixObject}, a {@link Batch}, an Iterable of StixObject or Jackson objects, a bundle or
 * object as JsonNode, bytes, String or InputStream (streamed).
 */
public final class StixBodies {

    private StixBodies() {
    }

    public static Iterator<StixObject> objects(Object body, String what) {
        if (body instanceof StixObject o) {
            return List.of(o).iterator();
        }
        if (body instanceof Batch batch) {
            return batch.objects().iterator();
        }
        if (body instanceof JsonNode node) {
            return ofTree(node, what);
        }
        if (body instanceof Iterable<?> items) {
            List<StixObject> objects = new ArrayList<>();
            for (Object item : items) {
                objects.add(one(item, what));
            }
            return objects.iterator();
        }
        if (body instanceof byte[] bytes) {
            return new BundleObjects(new ByteArrayInputStream(bytes), what);
        }
        if (body instanceof String text) {
            return new BundleObjects(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), what);
        }
        if (body instanceof InputStream in) {
            return new BundleObjects(in, what);
        }
        throw new IllegalArgumentException(what + ": cannot publish a " + (body == null ? "null body"
                : body.getClass().getName()) + " (expected STIX objects, a Batch, or a bundle as JSON)");
    }

    private static Iterator<StixObject> ofTree(JsonNode node, String what) {
        if ("bundle".equals(node.path("type").asText())) {
            List<StixObject> objects = new ArrayList<>();
            for (JsonNode o : node.path("objects")) {
                objects.add(one(o, what));
            }
            return objects.iterator();
        }
        return List.of(one(node, what)).iterator();
    }

    private static StixObject one(Object item, String what) {
        if (item instanceof StixObject o) {
            return o;
        }
        if (item instanceof ObjectNode o && o.hasNonNull("id") && o.hasNonNull("type")) {
            return StixObject.of(o);
        }
        if (item instanceof String || item instanceof byte[]) {
            Iterator<StixObject> parsed = objects(item, what);
            StixObject o = parsed.next();
            if (!parsed.hasNext()) {
                return o;
            }
        }
        throw new IllegalArgumentException(what + ": a list item is not a STIX object: "
                + (item == null ? "null" : item.getClass().getName()));
    }
}

package io.ctiflow.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.BundleObjects;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The STIX objects of a message body, whatever form it takes: a {@link Batch}, a {@link StixObject}, an Iterable of
 * StixObject or Jackson objects, a bundle, object or array of objects as a JsonNode, bytes, a String or an
 * InputStream (streamed by {@link BundleObjects}, which refuses what is not exactly one JSON document). Every step
 * that takes STIX (the filter, the TAXII, MISP, Kafka, webhook and SIEM producers, the stix data format, the dead
 * letters) reads its body here, so they all accept the same bodies and refuse the same ones.
 */
public final class StixBodies {

    private StixBodies() {
    }

    /** The body's objects one at a time (a stream body is read as it goes; close the iterator if it is AutoCloseable). */
    public static Iterator<StixObject> objects(Object body, String what) {
        if (body instanceof Batch batch) {
            return batch.objects().iterator();
        }
        if (body instanceof StixObject o) {
            return List.of(o).iterator();
        }
        if (body instanceof JsonNode node) {
            return ofTree(node, what).iterator();
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
        throw new IllegalArgumentException(what + ": cannot read STIX from a " + (body == null ? "null body"
                : body.getClass().getName()) + " (expected a Batch, STIX objects, or a bundle as JSON)");
    }

    /**
     * The objects of the exchange's body; a body of another type (a file, for instance) is read as a stream through
     * Camel's type converters.
     */
    public static List<StixObject> list(Exchange exchange, String what) {
        Object body = exchange.getIn().getBody();
        if (readable(body)) {
            return list(body, what);
        }
        InputStream in = exchange.getIn().getBody(InputStream.class);
        if (in == null) {
            return list(body, what); // fails naming the body's type
        }
        return list(in, what);
    }

    /** All the body's objects (a stream is read to its end and closed). */
    public static List<StixObject> list(Object body, String what) {
        if (body instanceof Batch batch) {
            return batch.objects();
        }
        Iterator<StixObject> it = objects(body, what);
        List<StixObject> objects = new ArrayList<>();
        try {
            it.forEachRemaining(objects::add);
        } finally {
            if (it instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // reading is done; a failing close of the body stream changes nothing
                }
            }
        }
        return objects;
    }

    private static boolean readable(Object body) {
        return body instanceof Batch || body instanceof StixObject || body instanceof JsonNode || body instanceof Iterable<?>
                || body instanceof byte[] || body instanceof String || body instanceof InputStream;
    }

    private static List<StixObject> ofTree(JsonNode node, String what) {
        JsonNode items = "bundle".equals(node.path("type").asText()) ? node.path("objects") : node.isArray() ? node : null;
        if (items == null) {
            return List.of(one(node, what));
        }
        if (!items.isArray()) {
            throw new IllegalArgumentException(what + ": the bundle's objects is not an array");
        }
        List<StixObject> objects = new ArrayList<>(items.size());
        for (JsonNode o : items) {
            objects.add(one(o, what));
        }
        return objects;
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
        throw new IllegalArgumentException(what + ": an item is not a STIX object (with type and id): "
                + (item == null ? "null" : item.getClass().getName()));
    }
}

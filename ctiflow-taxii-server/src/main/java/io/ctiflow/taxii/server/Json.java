package io.ctiflow.taxii.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ctiflow.stix.Stix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/** Small TAXII resources are written straight with a Jackson generator: no DTO classes, no JAX-RS JSON provider. */
final class Json {

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private Json() {
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Stix.mapper().getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    interface Item<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /**
     * A list property, left out when there is nothing in it: TAXII 2.1 prohibits empty lists (an
     * optional property is omitted instead). Every generator-written list goes through here;
     * PageWriter streams its pages by hand and leaves out the empty array the same way.
     */
    static <T> void list(JsonGenerator g, String field, Collection<T> items, Item<T> item) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (T t : items) {
            item.write(g, t);
        }
        g.writeEndArray();
    }

    static void stringList(JsonGenerator g, String field, Collection<String> values) throws IOException {
        list(g, field, values, JsonGenerator::writeString);
    }
}

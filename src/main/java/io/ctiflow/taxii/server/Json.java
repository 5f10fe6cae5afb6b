package io.ctiflow.taxii.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ctiflow.stix.Stix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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

    static void stringArray(JsonGenerator g, String field, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}

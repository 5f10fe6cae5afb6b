package io.ctiflow.taxii.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the objects of a STIX bundle (or a single STIX object) from JSON, one at a time, so a
 * bundle of any size is published with bounded memory.
 */
public final class BundleObjects implements Iterator<StixObject>, AutoCloseable {

    private final JsonParser parser;
    private final String source;
    private StixObject single;
    private boolean inArray;
    private StixObject ready;

    public BundleObjects(InputStream in, String source) {
        this.source = source;
        try {
            this.parser = Stix.mapper().createParser(in);
            start();
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + firstLine(e), e);
        }
    }

    private void start() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(source + " is not a STIX bundle or object (not a JSON object)");
        }
        String type = null;
        ObjectNode seen = Stix.mapper().createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if ("objects".equals(field) && (type == null || "bundle".equals(type))) {
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException(source + ": the bundle's objects is not an array");
                }
                inArray = true;
                return;
            }
            seen.set(field, Stix.mapper().readTree(parser));
            if ("type".equals(field)) {
                type = seen.get("type").asText();
            }
        }
        if (!"bundle".equals(type)) {
            if (!seen.hasNonNull("id") || type == null) {
                throw new IllegalArgumentException(source + " is not a STIX bundle or object (no type and id)");
            }
            single = StixObject.of(seen);
        }
    }

    @Override
    public boolean hasNext() {
        if (ready != null) {
            return true;
        }
        if (single != null) {
            ready = single;
            single = null;
            return true;
        }
        if (!inArray) {
            return false;
        }
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                inArray = false;
                return false;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(source + ": the bundle's objects holds something that is not an object");
            }
            ObjectNode object = Stix.mapper().readTree(parser);
            if (!object.hasNonNull("id") || !object.hasNonNull("type")) {
                throw new IllegalArgumentException(source + ": an object without id or type in the bundle");
            }
            ready = StixObject.of(object);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": broken JSON: " + firstLine(e), e);
        }
    }

    @Override
    public StixObject next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        StixObject o = ready;
        ready = null;
        return o;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static String firstLine(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}

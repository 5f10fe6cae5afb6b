package io.ctiflow.stix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private boolean topLevelArray;
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
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) { // an array of objects, read like a bundle's
            inArray = true;
            topLevelArray = true;
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(source + " is not a STIX bundle, object or array of objects");
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
        requireEnd();
    }

    /**
     * After the bundle's objects: its remaining properties (read, so that a repeated "objects" fails as a duplicate
     * key rather than being ignored) and nothing after the document.
     */
    private void finishBundle() throws IOException {
        while (!topLevelArray && parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if ("type".equals(field) && !"bundle".equals(parser.getValueAsString())) {
                throw new IllegalArgumentException(source + ": an object with an objects array is not a bundle (type " + parser.getText() + ")");
            }
            parser.skipChildren();
        }
        requireEnd();
    }

    private void requireEnd() throws IOException {
        if (parser.nextToken() != null) {
            throw new IllegalArgumentException(source + ": more JSON after the bundle (line " + parser.currentLocation().getLineNr() + ")");
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
                finishBundle();
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

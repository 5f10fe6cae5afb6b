package io.ctiflow.stix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the objects of a STIX bundle, a JSON array of objects or one object, parsing one object
 * at a time (each kept as its serialised bytes, not as a tree).
 */
public final class StixBundleReader {

    private StixBundleReader() {
    }

    public static List<StixObject> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static List<StixObject> read(InputStream in, String name) throws IOException {
        List<StixObject> objects = new ArrayList<>();
        try (JsonParser p = Stix.mapper().getFactory().createParser(in)) {
            try {
                readObjects(p, objects, name);
                requireEnd(p, name);
            } catch (JsonProcessingException e) {
                throw InvalidJsonException.of(name, p, e);
            }
        }
        return objects;
    }

    /**
     * A whole JSON document as a tree (for the validator, which needs all of it), failing with file,
     * line, column and reason on anything that is not one JSON value.
     */
    public static JsonNode readDocument(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = Stix.mapper().getFactory().createParser(in)) {
            try {
                if (p.nextToken() == null) {
                    throw new InvalidJsonException(file.toString(), p, "empty file, not a JSON document");
                }
                JsonNode doc = Stix.mapper().readTree(p);
                requireEnd(p, file.toString());
                return doc;
            } catch (JsonProcessingException e) {
                throw InvalidJsonException.of(file.toString(), p, e);
            }
        }
    }

    private static void readObjects(JsonParser p, List<StixObject> objects, String name) throws IOException {
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_ARRAY) {
            readArray(p, objects, name);
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidJsonException(name, p, "not a STIX bundle, object or array of objects");
        }
        // a bundle's objects are read one by one; any other object is itself a STIX object
        ObjectNode single = Stix.mapper().createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("objects") && value == JsonToken.START_ARRAY) {
                readArray(p, objects, name);
            } else {
                single.set(field, Stix.mapper().readTree(p));
            }
        }
        if (!"bundle".equals(single.path("type").asText())) {
            objects.add(object(single, name, 0));
        }
    }

    /** Only objects, up to the closing bracket: anything else in the array fails the file (never skipped in silence). */
    private static void readArray(JsonParser p, List<StixObject> objects, String name) throws IOException {
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
            JsonNode o = Stix.mapper().readTree(p);
            objects.add(object(o, name, objects.size()));
        }
        if (token != JsonToken.END_ARRAY) {
            throw new InvalidJsonException(name, p, "element " + objects.size() + " of the objects array is not a STIX object");
        }
    }

    private static void requireEnd(JsonParser p, String name) throws IOException {
        if (p.nextToken() != null) {
            throw new InvalidJsonException(name, p, "more content after the end of the JSON document");
        }
    }

    private static StixObject object(JsonNode o, String name, int index) throws IOException {
        if (!o.isObject() || !o.path("id").isTextual() || !o.path("type").isTextual()) {
            throw new IOException(name + ": object " + index + " has no id or type");
        }
        return StixObject.of((ObjectNode) o);
    }
}

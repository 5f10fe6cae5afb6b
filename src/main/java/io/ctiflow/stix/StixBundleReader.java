package io.ctiflow.stix;

import com.fasterxml.jackson.core.JsonParser;
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
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readArray(p, objects, name);
                return objects;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new IOException(name + ": not a STIX bundle, object or array of objects");
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
        return objects;
    }

    private static void readArray(JsonParser p, List<StixObject> objects, String name) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode o = Stix.mapper().readTree(p);
            objects.add(object(o, name, objects.size()));
        }
    }

    private static StixObject object(JsonNode o, String name, int index) throws IOException {
        if (!o.isObject() || !o.path("id").isTextual() || !o.path("type").isTextual()) {
            throw new IOException(name + ": object " + index + " has no id or type");
        }
        return StixObject.of((ObjectNode) o);
    }
}

package io.ctiflow.taxii.server;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.store.NewObject;
import io.ctiflow.taxii.store.TaxiiTime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
/**
 * Reads a POSTed TAXII envelope with a token walk: only id, type, spec_version, modified and created
 * are read; each object's bytes are kept as sent. A body that is not an envelope is a 400; an object
 * without a valid type, id, spec_version or timestamps is a failure in the status, the others are stored.
 * A property named twice in any object makes the whole body a 400 (the parser is strict, see
 * {@link Stix#mapper()}): JSON leaves the meaning of duplicates open (RFC 8259 4, I-JSON forbids them),
 * readers disagree on which value counts, and an envelope the server cannot read one way only is
 * not understood; refusing it keeps a second {@code id} or {@code object_marking_refs} from being
 * stored under one reading and served to readers who take the other.
 */
final class EnvelopeParser {

    private static final Pattern ID = Pattern.compile("([a-z0-9][a-z0-9-]{1,248}[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    record Failure(String id, String version, String message) {
    }

    record Envelope(List<NewObject> objects, List<Failure> failures) {
        int total() {
            return objects.size() + failures.size();
        }
    }

    private EnvelopeParser() {
    }

    static Envelope parse(InputStream body) throws IOException {
        // max_content_length bounds the body, so it is read whole: objects are then stored as the exact
        // bytes the client sent, sliced out by offset, and never parsed into trees or re-serialised
        byte[] bytes = read(body);
        List<NewObject> objects = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        try (JsonParser p = Stix.mapper().getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw TaxiiError.badRequest("the body must be a TAXII envelope: a JSON object with an objects array");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("objects")) {
                    p.skipChildren(); // more, next: meaningless in a POST
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw TaxiiError.badRequest("objects must be an array");
                }
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        failures.add(new Failure("", null, "not a JSON object"));
                        continue;
                    }
                    accept(p, bytes, objects, failures);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw TaxiiError.badRequest("the body must be one TAXII envelope");
            }
        } catch (JsonParseException e) {
            throw TaxiiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (StreamConstraintsException e) {
            // Jackson's guards (nesting depth 1000, string and number lengths) are the client's fault, not ours
            throw TaxiiError.badRequest("the body exceeds what the server parses: " + e.getOriginalMessage());
        }
        return new Envelope(objects, failures);
    }

    /** The whole body; a body that stops short (the read timeout closed the connection, or the client left) is a 408, not a 500. */
    private static byte[] read(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new TaxiiError(408, "Request timeout", "the request body ended before its declared length: " + e.getMessage());
        }
    }

    /** Reads the top-level properties that identify the object (the parser is at its START_OBJECT) and keeps its bytes. */
    private static void accept(JsonParser p, byte[] bytes, List<NewObject> objects, List<Failure> failures) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        String id = null;
        String type = null;
        String specVersion = null;
        String modified = null;
        String created = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            String text = value == JsonToken.VALUE_STRING ? p.getText() : null;
            switch (name) {
                case "id" -> id = text;
                case "type" -> type = text;
                case "spec_version" -> specVersion = text;
                case "modified" -> modified = text;
                case "created" -> created = text;
                default -> p.skipChildren();
            }
        }
        int end = (int) p.currentLocation().getByteOffset();
        id = id == null ? "" : id;
        type = type == null ? "" : type;
        var m = ID.matcher(id);
        if (!m.matches() || !m.group(1).equals(type)) {
            failures.add(new Failure(id, null, "id must be '<type>--<uuid>' matching type '" + type + "'"));
            return;
        }
        specVersion = specVersion == null ? "2.1" : specVersion;
        if (!specVersion.equals("2.1")) {
            failures.add(new Failure(id, null, "only STIX 2.1 objects are accepted, not spec_version " + specVersion));
            return;
        }
        String stamp = modified != null ? modified : created;
        long version;
        try {
            version = stamp == null ? TaxiiTime.NO_VERSION : TaxiiTime.parse(stamp);
        } catch (IllegalArgumentException e) {
            failures.add(new Failure(id, stamp, "modified/created: " + e.getMessage()));
            return;
        }
        objects.add(new NewObject(id, type, version, specVersion, Arrays.copyOfRange(bytes, start, end)));
    }
}

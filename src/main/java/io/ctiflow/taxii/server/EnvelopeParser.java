package io.ctiflow.taxii.server;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.store.NewObject;
import io.ctiflow.taxii.store.TaxiiTime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a POSTed TAXII envelope object by object (streaming: an envelope of any size allowed by
 * max_content_length never exists as one tree). A body that is not an envelope is a 400; an object
 * without a valid type, id, spec_version or timestamps is a failure in the status, the others are stored.
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
        List<NewObject> objects = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        try (JsonParser p = Stix.mapper().getFactory().createParser(body)) {
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
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode node = Stix.mapper().readTree(p);
                    if (!(node instanceof ObjectNode o)) {
                        failures.add(new Failure("", null, "not a JSON object"));
                        continue;
                    }
                    accept(o, objects, failures);
                }
            }
        } catch (JsonParseException e) {
            throw TaxiiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        return new Envelope(objects, failures);
    }

    private static void accept(ObjectNode o, List<NewObject> objects, List<Failure> failures) throws IOException {
        String id = o.path("id").asText("");
        String type = o.path("type").asText("");
        var m = ID.matcher(id);
        if (!m.matches() || !m.group(1).equals(type)) {
            failures.add(new Failure(id, null, "id must be '<type>--<uuid>' matching type '" + type + "'"));
            return;
        }
        String specVersion = o.path("spec_version").asText("2.1");
        if (!specVersion.equals("2.1")) {
            failures.add(new Failure(id, null, "only STIX 2.1 objects are accepted, not spec_version " + specVersion));
            return;
        }
        String stamp = o.hasNonNull("modified") ? o.get("modified").asText() : o.hasNonNull("created") ? o.get("created").asText() : null;
        long version;
        try {
            version = stamp == null ? TaxiiTime.NO_VERSION : TaxiiTime.parse(stamp);
        } catch (IllegalArgumentException e) {
            failures.add(new Failure(id, stamp, "modified/created: " + e.getMessage()));
            return;
        }
        objects.add(new NewObject(id, type, version, specVersion, Stix.mapper().writeValueAsBytes(o)));
    }
}

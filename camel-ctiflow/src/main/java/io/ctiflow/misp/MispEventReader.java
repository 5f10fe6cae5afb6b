package io.ctiflow.misp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.io.InputStream;
/**
 * Reads MISP events from a stream with Jackson's streaming parser, one event tree at a time, so an
 * answer of any size needs memory for one event only. Understands the restSearch answer
 * {@code {"response":[{"Event":{...}}, ...]}}, a bare array of such wrappers, and a single
 * {@code {"Event":{...}}} (a feed's event file). Every event handed out is the content of "Event".
 */
final class MispEventReader {

    /** Receives each event as it is read. */
    @FunctionalInterface
    interface EventHandler {
        void accept(ObjectNode event);
    }

    private static final ObjectMapper JSON = Stix.strictJson();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private MispEventReader() {
    }

    /**
     * Hands every event of the stream to the handler and closes the stream.
     *
     * @param source names the stream in error messages (URL and page)
     * @return how many events were read
     * @throws MispException when the stream is not JSON of one of the understood shapes
     */
    static int forEach(InputStream in, String source, EventHandler handler) {
        try (in; JsonParser parser = FACTORY.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                return readArray(parser, source, handler);
            }
            if (first != JsonToken.START_OBJECT) {
                throw invalid(source, "expected a JSON object or array, found " + first);
            }
            int count = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("response".equals(field) && value == JsonToken.START_ARRAY) {
                    count += readArray(parser, source, handler);
                } else if ("Event".equals(field) && value == JsonToken.START_OBJECT) {
                    handler.accept(JSON.readTree(parser));
                    count++;
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw invalid(source, "unexpected content after the JSON document");
            }
            return count;
        } catch (JsonProcessingException e) {
            throw invalid(source, e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new MispException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Reads exactly one event (a feed's {@code <uuid>.json}). */
    static ObjectNode single(InputStream in, String source) {
        ObjectNode[] found = new ObjectNode[1];
        int count = forEach(in, source, event -> found[0] = event);
        if (count != 1) {
            throw invalid(source, "expected one {\"Event\": {...}}, found " + count + " events");
        }
        return found[0];
    }

    private static int readArray(JsonParser parser, String source, EventHandler handler) throws IOException {
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw invalid(source, "expected an event object in the response list, found " + parser.currentToken());
            }
            JsonNode element = JSON.readTree(parser);
            JsonNode event = element.has("Event") ? element.get("Event") : element;
            if (!event.isObject() || !event.has("uuid")) {
                throw invalid(source, "response entry " + (count + 1) + " is not a MISP event (no Event.uuid)");
            }
            handler.accept((ObjectNode) event);
            count++;
        }
        return count;
    }

    private static MispException invalid(String source, String why) {
        return new MispException("invalid JSON from " + source + ": " + why);
    }
}

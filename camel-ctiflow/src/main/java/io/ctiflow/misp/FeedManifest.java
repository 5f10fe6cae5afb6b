package io.ctiflow.misp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
/**
 * A feed's manifest.json, {@code {"<event uuid>": {"timestamp": .., "info": .., ...}, ...}}, read
 * entry by entry; only uuid and timestamp are kept, so a manifest of thousands of events stays small.
 * Every key must be an event uuid: the keys become file names ({@code <uuid>.json}), so this check is
 * what keeps a hostile manifest ({@code "../x"}, an absolute path) inside the feed. The {@code misp-feed:}
 * consumer and {@code ctiflow convert --format misp <folder>} both read manifests only through here.
 */
public final class FeedManifest {

    private static final ObjectMapper JSON = Stix.strictJson();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private FeedManifest() {
    }

    /** Event uuid to manifest timestamp, in manifest order; a key that is no uuid fails the whole manifest. */
    public static Map<String, Long> read(InputStream in, String source) {
        Map<String, Long> entries = new LinkedHashMap<>();
        try (in; JsonParser parser = FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(source, "expected a JSON object keyed by event uuid");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String uuid = parser.currentName();
                parser.nextToken();
                JsonNode entry = JSON.readTree(parser);
                if (!UUID.matcher(uuid).matches()) {
                    throw invalid(source, "key '" + uuid + "' is not an event uuid");
                }
                OptionalLong timestamp = entry.isObject()
                        ? MispEvents.epochSeconds(entry.get("timestamp")) : OptionalLong.empty();
                if (timestamp.isEmpty()) {
                    throw invalid(source, "entry " + uuid + " has no numeric timestamp");
                }
                entries.put(uuid.toLowerCase(Locale.ROOT), timestamp.getAsLong());
            }
            return entries;
        } catch (JsonProcessingException e) {
            throw invalid(source, e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new MispException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static MispException invalid(String source, String why) {
        return new MispException("invalid MISP feed manifest " + source + ": " + why);
    }
}

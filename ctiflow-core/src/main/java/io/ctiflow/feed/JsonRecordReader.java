package io.ctiflow.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.JsonRecord;
import io.ctiflow.mapping.SourceRecord;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the records of a JSON feed: the elements of the array at the mapping's records path
 * (read one at a time with Jackson's streaming parser, never the whole document), or one object
 * per line for NDJSON; for a nested layout ({@code json.each}) the elements of the inner array of
 * each of those, with the outer record as their parent.
 */
final class JsonRecordReader implements Iterator<SourceRecord>, AutoCloseable {

    private static final ObjectMapper MAPPER = Stix.mapper();

    private final String origin;
    private final FeedMapping.JsonLayout layout;
    private final Deque<JsonRecord> pending = new ArrayDeque<>();
    private final JsonParser parser;
    private final BoundedLines lines;
    private final RecordTripwire tripwire;
    private final FeedLimits limits;
    private long count;
    private SourceRecord next;
    private boolean done;

    JsonRecordReader(Reader reader, String origin, FeedMapping.JsonLayout layout, FeedLimits limits) throws IOException {
        this.origin = origin;
        this.layout = layout;
        this.limits = limits;
        if (layout.ndjson()) {
            this.lines = new BoundedLines(reader, limits.maxRecordChars());
            this.tripwire = null;
            this.parser = null;
        } else {
            this.lines = null;
            this.tripwire = new RecordTripwire(reader, limits.maxRecordChars());
            this.parser = MAPPER.getFactory().createParser(tripwire);
            tripwire.recordStartsAt(Long.MAX_VALUE); // what comes before the records array is skipped, not held
            seekArray(layout.recordsPath());
        }
    }

    private void seekArray(String path) throws IOException {
        JsonToken token = parser.nextToken();
        String[] steps = path.isEmpty() ? new String[0] : path.split("\\.");
        for (String step : steps) {
            if (token != JsonToken.START_OBJECT) {
                throw new FeedFormatException(origin + ": expected an object on the way to '" + path + "'");
            }
            boolean found = false;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                token = parser.nextToken();
                if (name.equals(step)) {
                    found = true;
                    break;
                }
                parser.skipChildren();
            }
            if (!found) {
                throw new FeedFormatException(origin + ": no '" + step + "' in the document (records path '" + path + "')");
            }
        }
        if (token != JsonToken.START_ARRAY) {
            throw new FeedFormatException(origin + ": '" + (path.isEmpty() ? "the document" : path) + "' is not an array of records");
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null && pending.isEmpty() && !done) {
            readElement();
        }
        if (next == null && !pending.isEmpty()) {
            next = pending.poll();
        }
        return next != null;
    }

    /** Reads one element of the records array (or one line) into pending: its records, none for an empty nested one. */
    private void readElement() {
        if (done) {
            return; // past the end of the records array: never read on into the rest of the document
        }
        try {
            if (lines != null) {
                String line;
                while ((line = lines.next()) != null) {
                    count++;
                    if (line == BoundedLines.TOO_LONG) {
                        next = new OversizedRecord(origin, count, limits.tooLarge());
                        return;
                    }
                    if (!line.isBlank()) {
                        pending.addAll(layout.records(parseLine(line), origin, count));
                        return;
                    }
                }
                done = true;
                return;
            }
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.END_ARRAY) {
                done = true;
                return;
            }
            count++;
            long line = parser.currentTokenLocation().getLineNr();
            tripwire.recordStartsAt(parser.currentTokenLocation().getCharOffset());
            JsonNode node;
            try {
                node = MAPPER.readTree(parser);
            } catch (RecordTripwire.Tripped e) {
                throw new FeedFormatException(origin + ": record " + count + " (from line " + line + "): " + limits.tooLarge()
                        + "; the rest of the JSON array cannot be read past it", e);
            }
            tripwire.recordStartsAt(parser.currentLocation().getCharOffset());
            pending.addAll(layout.records(node, origin, count));
        } catch (IOException e) {
            throw new FeedFormatException(origin + ": invalid JSON after record " + count + ": " + firstLine(e), e);
        }
    }

    private JsonNode parseLine(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            // a broken line is one bad record: keep its text so the mapper rejects it with its line number
            return MAPPER.getNodeFactory().textNode(line);
        }
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRecord r = next;
        next = null;
        return r;
    }

    private static String firstLine(IOException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        if (lines != null) {
            lines.close();
        }
    }
}

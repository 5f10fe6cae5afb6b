package io.ctiflow.stix;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;

/**
 * A file that is not the JSON it should be, with where and why: {@code <file>: line L, column C: <reason>}.
 * The command line exits with 1 (found problems) on it, like on invalid STIX.
 */
public final class InvalidJsonException extends IOException {

    public InvalidJsonException(String source, JsonParser parser, String reason) {
        super(source + ": " + position(parser.currentLocation()) + ": " + reason);
    }

    /**
     * Jackson's own error; its location is null for a broken stream constraint (nesting depth, string
     * length), so the parser's current position stands in.
     */
    public static InvalidJsonException of(String source, JsonParser parser, JsonProcessingException e) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        InvalidJsonException invalid = new InvalidJsonException(source + ": " + position(at) + ": not valid JSON: " + firstLine(e.getOriginalMessage()));
        invalid.initCause(e);
        return invalid;
    }

    private InvalidJsonException(String message) {
        super(message);
    }

    private static String position(JsonLocation at) {
        return "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

package io.ctiflow.net;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** What a failed HTTP answer said, for exception messages: a TAXII-style error (title, description) or the start of the body. */
public final class HttpErrors {

    private HttpErrors() {
    }

    /** {@code " (<title>: <description>)"}, {@code " (<start of body>)"} or empty, on one line. */
    public static String detail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode error = Stix.mapper().readTree(body);
            if (error != null && error.hasNonNull("title")) {
                String text = error.get("title").asText()
                        + (error.hasNonNull("description") ? ": " + error.get("description").asText() : "");
                return " (" + oneLine(text) + ")";
            }
        } catch (IOException e) {
            // not a JSON error message: show the start of the body instead
        }
        String text = oneLine(new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}

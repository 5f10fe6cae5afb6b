package io.ctiflow.pipeline;

/** A record set aside: where it came from, what it was, and why it was not mapped. */
public record Reject(String source, String origin, long line, String reason, String record) {

    /** One readable line, e.g. {@code urlhaus feed.csv:12: invalid ipv4 '999.1.1.1'}. */
    public String describe() {
        return source + " " + origin + ":" + line + ": " + reason;
    }
}

package io.ctiflow.pipeline;

/**
 * The message headers ctiflow's steps read and write. They live here, below every step, so that a source, the
 * filter and a sink agree on them without depending on each other.
 */
public final class PipelineHeaders {

    /** The feed (source) a message comes from, e.g. {@code urlhaus}; names the mapping and the policy's source entry. */
    public static final String FEED = "CtiflowFeed";
    /** Where in the feed the message comes from: a file name, a URL, a mailbox message. */
    public static final String ORIGIN = "CtiflowOrigin";
    /** Optional: where the records are in a JSON input (e.g. {@code $.data}), overriding the mapping's {@code json.records}. */
    public static final String RECORDS = "CtiflowRecords";
    /** The destination (policies/destinations.yaml) a filtered message is meant for. */
    public static final String DESTINATION = "CtiflowDestination";

    private PipelineHeaders() {
    }
}

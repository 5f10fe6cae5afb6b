package io.ctiflow.pipeline;

import org.apache.camel.spi.Metadata;

/**
 * The message headers ctiflow's steps read and write. They live here, below every step, so that a source, the
 * filter and a sink agree on them without depending on each other.
 */
public final class PipelineHeaders {

    @Metadata(description = "The feed (source) a message comes from, e.g. urlhaus; names the mapping and the policy's source entry.", javaType = "String")
    public static final String FEED = "CtiflowFeed";
    @Metadata(description = "Where in the feed the message comes from: a file name, a URL, a mailbox message.", javaType = "String")
    public static final String ORIGIN = "CtiflowOrigin";
    @Metadata(description = "Optional: where the records are in a JSON input (e.g. $.data), overriding the mapping's json.records.", javaType = "String")
    public static final String RECORDS = "CtiflowRecords";
    @Metadata(description = "The destination (policies/destinations.yaml) a filtered message is meant for.", javaType = "String")
    public static final String DESTINATION = "CtiflowDestination";

    private PipelineHeaders() {
    }
}

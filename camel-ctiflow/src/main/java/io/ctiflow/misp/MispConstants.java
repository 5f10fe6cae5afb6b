package io.ctiflow.misp;

import io.ctiflow.feed.FeedBatches;
import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.spi.Metadata;

/**
 * Headers the {@code misp:} and {@code misp-feed:} consumers set on every exchange (one per MISP event).
 * CtiflowFeed and CtiflowOrigin are the same headers the file feeds set ({@link FeedBatches}).
 */
public final class MispConstants {

    @Metadata(description = "The MISP event's UUID (consumer: the event delivered; producer: the event written).", javaType = "String")
    public static final String EVENT_UUID = "CtiflowMispEventUuid";

    @Metadata(description = "The MISP event's timestamp (epoch seconds of its last change).", javaType = "long")
    public static final String EVENT_TIMESTAMP = "CtiflowMispEventTimestamp";

    @Metadata(description = "The endpoint name (the part after misp: or misp-feed:), i.e. which feed the event came from.",
            javaType = "String")
    public static final String FEED = PipelineHeaders.FEED;

    @Metadata(description = "Where the event came from, for provenance and log lines: "
            + "misp {url} event {uuid} or misp-feed {url} event {uuid}.", javaType = "String")
    public static final String ORIGIN = PipelineHeaders.ORIGIN;

    @Metadata(description = "misp-feed only: how many attribute value hashes the feed's hashes.csv lists for the "
            + "event (absent when the feed has no hashes.csv in MISP's format).", javaType = "Integer")
    public static final String FEED_HASH_COUNT = "CtiflowMispFeedHashCount";

    @Metadata(label = "consumer", description = "true when the endpoint's observedData option is set: the conversion"
            + " writes, for each indicator, also its observed-data and a based-on relationship.", javaType = "boolean")
    public static final String OBSERVED_DATA = "CtiflowMispObservedData";

    @Metadata(label = "consumer", description = "true when the endpoint's binaries option is set: the conversion"
            + " writes attachments' and malware samples' data as artifacts.", javaType = "boolean")
    public static final String BINARIES = "CtiflowMispBinaries";

    @Metadata(label = "producer", description = "What the producer did with the event: add, edit, or none (no attribute to send).",
            javaType = "String")
    public static final String SINK_ACTION = "CtiflowMispSinkAction";

    @Metadata(label = "producer", description = "How many attributes the producer sent.", javaType = "int")
    public static final String SINK_ATTRIBUTES = "CtiflowMispSinkAttributes";

    @Metadata(label = "producer", description = "The STIX objects the producer could not map, as '{id}: {reason}'.",
            javaType = "java.util.List<String>")
    public static final String SINK_UNMAPPED = "CtiflowMispSinkUnmapped";

    private MispConstants() {
    }
}

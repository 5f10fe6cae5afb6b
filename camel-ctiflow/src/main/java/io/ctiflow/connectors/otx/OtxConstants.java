package io.ctiflow.connectors.otx;

import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.spi.Metadata;

/** Headers the {@code otx:} consumer sets on every exchange (one per pulse). */
public final class OtxConstants {

    @Metadata(description = "The pulse id (OTX's 24 hex digits).", javaType = "String")
    public static final String PULSE_ID = "CtiflowOtxPulseId";

    @Metadata(description = "The pulse's modified time as OTX gave it (ISO-8601, UTC, no zone).", javaType = "String")
    public static final String PULSE_MODIFIED = "CtiflowOtxPulseModified";

    @Metadata(description = "The endpoint name (the part after otx:), i.e. which feed the pulse came from.", javaType = "String")
    public static final String FEED = PipelineHeaders.FEED;

    @Metadata(description = "Where the pulse came from: otx {url} pulse {id}.", javaType = "String")
    public static final String ORIGIN = PipelineHeaders.ORIGIN;

    private OtxConstants() {
    }
}

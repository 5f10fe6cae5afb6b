package io.ctiflow.sink;

import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.spi.Metadata;

/** Headers of siem: exchanges. */
public final class SiemConstants {

    @Metadata(label = "producer", description = "The destination; written as the destination field of every line.",
            javaType = "String")
    public static final String DESTINATION = PipelineHeaders.DESTINATION;

    @Metadata(label = "producer", description = "Lines written: one per indicator (set after success).", javaType = "int")
    public static final String LINES = "CtiflowSiemLines";

    @Metadata(label = "producer", description = "Objects skipped because they are not indicators.", javaType = "int")
    public static final String SKIPPED = "CtiflowSiemSkipped";

    private SiemConstants() {
    }
}

package io.ctiflow.sink;

import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.spi.Metadata;

/** Headers of signed-webhook: exchanges. */
public final class WebhookConstants {

    @Metadata(label = "producer", description = "The destination the bundle is for; sent as X-Ctiflow-Destination.",
            javaType = "String")
    public static final String DESTINATION = PipelineHeaders.DESTINATION;

    @Metadata(label = "producer", description = "Requests the receiver accepted (set after success).", javaType = "int")
    public static final String REQUESTS = "CtiflowWebhookRequests";

    @Metadata(label = "producer", description = "Objects delivered, counting an object repeated in several bundles"
            + " (as something others refer to) once per bundle.", javaType = "long")
    public static final String OBJECTS = "CtiflowWebhookObjects";

    private WebhookConstants() {
    }
}

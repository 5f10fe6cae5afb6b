package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.pipeline.Batch;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/**
 * The Camel step after a MISP source: converts the event the misp: or misp-feed: consumer
 * delivered into one {@link Batch}, which direct:batch-to-stix-files writes as one bundle (the
 * event's malformed attributes go to the dead letter with event and attribute uuid and reason).
 */
public final class MispBatches {

    private final MispToStix converter;

    public MispBatches(MispToStix converter) {
        this.converter = converter;
    }

    public Batch toBatch(Exchange exchange) throws InvalidPayloadException {
        JsonNode event = exchange.getIn().getMandatoryBody(JsonNode.class);
        String source = exchange.getIn().getHeader(MispConstants.FEED, "misp", String.class);
        MispConversion conversion = converter.convert(event, new MispToStix.Options(
                exchange.getIn().getHeader(MispConstants.OBSERVED_DATA, false, Boolean.class),
                exchange.getIn().getHeader(MispConstants.BINARIES, false, Boolean.class)));
        long timestamp = exchange.getIn().getHeader(MispConstants.EVENT_TIMESTAMP, 0L, Long.class);
        // one bundle file per event version: an updated event is written again under its new timestamp
        String origin = "event-" + conversion.eventUuid() + "-" + timestamp;
        return new Batch(source, origin, 1, conversion.attributes(), conversion.objects(), conversion.rejects());
    }
}

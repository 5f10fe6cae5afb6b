package io.ctiflow.connectors.otx;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.Mappings;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.TaxonomyToStix;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

import java.util.ArrayList;
import java.util.List;

/**
 * The Camel step after an {@code otx:} source: converts the pulse of the exchange into one
 * {@link Batch} with the {@code otx-pulses} mapping (one indicator per supported OTX indicator,
 * the others rejected with their type named), which direct:batch-to-stix-files writes as one bundle
 * per pulse version.
 */
public final class OtxBatches {

    /** The feed mapping that turns pulse indicators into taxonomy records. */
    public static final String MAPPING = "otx-pulses";

    private final FeedMapping mapping;
    private final TaxonomyToStix toStix;

    public OtxBatches(Mappings mappings) {
        this(mappings.feed(MAPPING), mappings.toStix());
    }

    public OtxBatches(FeedMapping mapping, TaxonomyToStix toStix) {
        this.mapping = mapping;
        this.toStix = toStix;
    }

    public Batch toBatch(Exchange exchange) throws InvalidPayloadException {
        JsonNode pulse = exchange.getIn().getMandatoryBody(JsonNode.class);
        String source = exchange.getIn().getHeader(OtxConstants.FEED, "otx", String.class);
        String id = exchange.getIn().getHeader(OtxConstants.PULSE_ID, pulse.path("id").asText("unknown"), String.class);
        String modified = exchange.getIn().getHeader(OtxConstants.PULSE_MODIFIED, pulse.path("modified").asText(""), String.class);
        // one bundle file per pulse version: an edited pulse is written again under its new modified time
        String origin = "pulse-" + id + "-" + modified.replaceAll("[^0-9]", "");
        long read = 0;
        List<StixObject> objects = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        // a pulse holds at most a few thousand indicators: one batch per pulse
        try (FeedConverter converter = FeedConverter.ofJsonRecord(pulse, origin, mapping, toStix, Integer.MAX_VALUE)) {
            while (converter.hasNext()) {
                Batch batch = converter.next();
                read += batch.recordsRead();
                objects.addAll(batch.objects());
                rejects.addAll(batch.rejects());
            }
        }
        return new Batch(source, origin, 1, read, objects, rejects);
    }
}

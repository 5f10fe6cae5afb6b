package io.ctiflow.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The {@code stix} Camel data format. Marshal writes a STIX 2.1 bundle, streamed, from any body
 * {@link StixBodies} reads (a {@link Batch}, STIX objects, a bundle or object as JSON); unmarshal reads a bundle into a
 * Jackson tree.
 */
public final class StixDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    private boolean pretty;

    public void setPretty(boolean pretty) {
        this.pretty = pretty;
    }

    @Override
    public String getDataFormatName() {
        return "stix";
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        try (BundleWriter bundle = new BundleWriter(new BufferedOutputStream(stream, 1 << 16), pretty)) {
            if (graph instanceof Batch batch) {
                // a batch holds each object once already
                for (StixObject o : batch.objects()) {
                    bundle.write(o);
                }
                return;
            }
            for (StixObject o : StixBodies.list(graph, "stix data format body")) {
                bundle.writeOnce(o);
            }
        }
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        JsonNode node = Stix.mapper().readTree(stream);
        if (!"bundle".equals(node.path("type").asText())) {
            throw new IllegalArgumentException("not a STIX bundle: type is '" + node.path("type").asText() + "'");
        }
        return node;
    }

    @Override
    protected void doStart() {
        // stateless
    }

    @Override
    protected void doStop() {
        // stateless
    }
}

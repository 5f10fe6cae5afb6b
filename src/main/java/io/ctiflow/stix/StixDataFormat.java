package io.ctiflow.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.Batch;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;

/**
 * The {@code stix} Camel data format. Marshal writes a STIX 2.1 bundle, streamed, from a
 * {@link Batch}, a collection of STIX objects or a single object; unmarshal reads a bundle into a
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
        try (BundleWriter bundle = new BundleWriter(new java.io.BufferedOutputStream(stream, 1 << 16), pretty)) {
            if (graph instanceof Batch batch) {
                // a batch holds each object once already
                for (StixObject o : batch.objects()) {
                    bundle.write(o);
                }
            } else if (graph instanceof Collection<?> objects) {
                writeAll(bundle, objects);
            } else if (graph instanceof ObjectNode object && !"bundle".equals(object.path("type").asText())) {
                bundle.write(object);
            } else if (graph instanceof ObjectNode bundleNode) {
                writeAll(bundle, iterable(bundleNode.path("objects")));
            } else {
                throw new IllegalArgumentException("cannot write a " + (graph == null ? "null body" : graph.getClass().getName())
                        + " as a STIX bundle");
            }
        }
    }

    private static Collection<JsonNode> iterable(JsonNode array) {
        java.util.List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static void writeAll(BundleWriter bundle, Collection<?> objects) throws java.io.IOException {
        for (Object o : objects) {
            bundle.writeOnce(o instanceof StixObject s ? s : StixObject.of((ObjectNode) o));
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

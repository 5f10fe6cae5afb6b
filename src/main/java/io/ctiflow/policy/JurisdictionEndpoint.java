package io.ctiflow.policy;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.StixBodies;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import java.util.List;
/** One destination's filter as a Camel producer endpoint. */
@UriEndpoint(firstVersion = "1.0.0", scheme = "jurisdiction", title = "Jurisdiction filter", syntax = "jurisdiction:destination",
        producerOnly = true, category = {Category.TRANSFORMATION})
public final class JurisdictionEndpoint extends DefaultEndpoint {

    @UriPath(description = "Destination id from policies/destinations.yaml")
    private final String destination;

    @UriParam(description = "Configured source (sources.yaml) of objects without ctiflow provenance; default: the batch's source")
    private String source;

    @UriParam(description = "Origin country of objects that carry none")
    private String origin;

    JurisdictionEndpoint(String uri, JurisdictionComponent component, String destination) {
        super(uri, component);
        this.destination = destination;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }

    @Override
    public Producer createProducer() {
        JurisdictionFilter filter = getCamelContext().getRegistry().lookupByNameAndType("jurisdictionFilter", JurisdictionFilter.class);
        if (filter == null) {
            throw new IllegalStateException("jurisdiction:" + destination + " needs the jurisdictionFilter bean (bound by ctiflow's configuration)");
        }
        filter.policy().requireDestination(destination);
        AuditLog audit = getCamelContext().getRegistry().lookupByNameAndType("auditLog", AuditLog.class);
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                Object body = exchange.getIn().getBody();
                Batch batch = body instanceof Batch b ? b : null;
                List<StixObject> objects = batch != null ? batch.objects() : StixBodies.list(exchange, "jurisdiction:" + destination + " body");
                String src = source != null ? source : batch != null ? batch.source() : null;
                FilterResult result = filter.filter(filter.prepare(objects, new InputContext(src, origin,
                        batch != null ? batch.origin() : null, batch != null ? batch.bundleName() : null)), filter.policy().requireDestination(destination));
                if (audit != null) {
                    audit.flush();
                }
                exchange.getIn().setHeader(PipelineHeaders.DESTINATION, destination);
                exchange.getIn().setBody(batch != null ? PolicyFanOut.withObjects(batch, result.objects()) : result.objects());
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("jurisdiction: is a processing step; it cannot start a route");
    }
}

package io.ctiflow.policy;

import io.ctiflow.feed.Batch;
import io.ctiflow.stix.StixBundleReader;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Replaces the STIX objects in the body with what one destination may receive under the policies (producer
 * only), through the jurisdictionFilter bean, so its decisions reach the audit log and metrics.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "jurisdiction", title = "Jurisdiction filter", syntax = "jurisdiction:destination",
        producerOnly = true, category = {Category.TRANSFORMATION})
public final class JurisdictionEndpoint extends DefaultEndpoint {

    @UriPath(description = "Destination id from policies/destinations.yaml")
    @Metadata(required = true)
    private final String destination;

    @UriParam(description = "Configured source (sources.yaml) of objects without ctiflow provenance; default: the batch's source")
    private String source;

    @UriParam(description = "Origin country of objects that carry none")
    private String origin;

    JurisdictionEndpoint(String uri, JurisdictionComponent component, String destination) {
        super(uri, component);
        this.destination = destination;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getOrigin() {
        return origin;
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
                List<StixObject> objects = batch != null ? batch.objects() : objects(exchange, body);
                String src = source != null ? source : batch != null ? batch.source() : null;
                FilterResult result = filter.filter(filter.prepare(objects, new InputContext(src, origin,
                        batch != null ? batch.origin() : null, batch != null ? batch.bundleName() : null)), filter.policy().requireDestination(destination));
                if (audit != null) {
                    audit.flush();
                }
                exchange.getIn().setHeader(PolicyFanOut.DESTINATION, destination);
                exchange.getIn().setBody(batch != null ? PolicyFanOut.withObjects(batch, result.objects()) : result.objects());
            }
        };
    }

    private static List<StixObject> objects(Exchange exchange, Object body) throws Exception {
        if (body instanceof StixObject o) {
            return List.of(o);
        }
        if (body instanceof Collection<?> c) {
            List<StixObject> list = new ArrayList<>(c.size());
            for (Object o : c) {
                list.add((StixObject) o);
            }
            return list;
        }
        InputStream in = body instanceof byte[] bytes ? new ByteArrayInputStream(bytes) : exchange.getIn().getMandatoryBody(InputStream.class);
        return StixBundleReader.read(in, "message " + exchange.getExchangeId());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("jurisdiction: is a processing step; it cannot start a route");
    }
}

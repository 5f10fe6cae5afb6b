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
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import java.nio.file.Path;
import java.util.List;

/**
 * Replaces the STIX objects in the body with what one destination may receive under the policies (producer
 * only): with the policies option it loads that policy folder itself and audits to auditDir; without, it uses the
 * running ctiflow's jurisdictionFilter bean, so its decisions reach the same audit log and metrics.
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

    @UriParam(description = "Policy folder (jurisdictions.yaml, destinations.yaml, sources.yaml, policy.yaml and schema/, as "
            + "shipped in policies/), loaded and checked when the route starts. Default: the ctiflow runtime's policy "
            + "(its jurisdictionFilter bean) when it runs")
    private String policies;

    @UriParam(description = "Folder of the audit log (one hash-chained JSON line per decision) for a policy loaded from the "
            + "policies option; every jurisdiction: endpoint of one policy folder writes to the same log", defaultValue = "audit")
    private String auditDir = "audit";

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

    public String getDestination() {
        return destination;
    }

    public String getPolicies() {
        return policies;
    }

    public void setPolicies(String policies) {
        this.policies = policies;
    }

    public String getAuditDir() {
        return auditDir;
    }

    public void setAuditDir(String auditDir) {
        this.auditDir = auditDir;
    }

    @Override
    public Producer createProducer() {
        JurisdictionFilter filter;
        AuditLog audit;
        if (policies != null) {
            PolicyFolders.Loaded loaded = ((JurisdictionComponent) getComponent()).folders().load(Path.of(policies), Path.of(auditDir));
            filter = loaded.filter();
            audit = loaded.audit();
        } else {
            filter = getCamelContext().getRegistry().lookupByNameAndType("jurisdictionFilter", JurisdictionFilter.class);
            if (filter == null) {
                throw new IllegalStateException("jurisdiction:" + destination + " needs a policy: set policies=<folder> (e.g. "
                        + "jurisdiction:" + destination + "?policies=/etc/ctiflow/policies), or run it inside ctiflow, whose jurisdictionFilter bean it then uses");
            }
            audit = getCamelContext().getRegistry().lookupByNameAndType("auditLog", AuditLog.class);
        }
        filter.policy().requireDestination(destination);
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

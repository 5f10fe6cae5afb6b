package io.ctiflow.feed.normalize;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code stix-normalize:<mapping>}: a step that turns a feed's payload (CSV or JSON, as a file or stream) into
 * batches of STIX 2.1 objects through a declarative mapping, writing every rejected record to the dead-letter
 * folder. The body becomes an iterator of batches, read as the route splits it.
 */
@Component("stix-normalize")
public final class NormalizeComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("stix-normalize: needs a mapping, e.g. stix-normalize:urlhaus or stix-normalize:connectors/acme/mapping.yaml");
        }
        NormalizeEndpoint endpoint = new NormalizeEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}

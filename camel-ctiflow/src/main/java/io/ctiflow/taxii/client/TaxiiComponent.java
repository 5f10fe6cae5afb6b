package io.ctiflow.taxii.client;

import io.ctiflow.state.CheckpointingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

import java.util.Map;

/** The {@code taxii:} component: publishes STIX to a TAXII 2.1 collection and polls one incrementally. */
@Component("taxii")
public class TaxiiComponent extends CheckpointingComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("taxii: needs a name, e.g. taxii:partner?url=https://taxii.example.org/api1/collections/<id>/");
        }
        checkpointKey("taxii", remaining);
        TaxiiConfiguration configuration = new TaxiiConfiguration();
        TaxiiEndpoint endpoint = new TaxiiEndpoint(uri, this, remaining, configuration);
        setProperties(endpoint, parameters);
        configuration.validate("taxii:" + remaining);
        return endpoint;
    }
}

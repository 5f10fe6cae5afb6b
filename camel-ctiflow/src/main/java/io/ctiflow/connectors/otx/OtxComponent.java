package io.ctiflow.connectors.otx;

import io.ctiflow.state.CheckpointingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

import java.util.Map;

/** The {@code otx:} component: pulls AlienVault OTX pulses incrementally (subscribed or activity). */
@Component("otx")
public class OtxComponent extends CheckpointingComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("otx: needs a name, e.g. otx:subscribed?apiKey={{env:OTX_API_KEY}}");
        }
        checkpointKey("otx", remaining);
        OtxConfiguration configuration = new OtxConfiguration();
        OtxEndpoint endpoint = new OtxEndpoint(uri, this, remaining, configuration);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }
}

package io.ctiflow.misp;

import io.ctiflow.state.CheckpointingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

import java.util.Map;

/** The {@code misp:} component: pulls events from a MISP server's REST API incrementally. */
@Component("misp")
public class MispComponent extends CheckpointingComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("misp: needs a name, e.g. misp:circl?url=https://misp.example.org");
        }
        MispCheckpoints.key("misp", remaining);
        MispConfiguration configuration = new MispConfiguration();
        setProperties(configuration, parameters);
        MispEndpoint endpoint = new MispEndpoint(uri, this, remaining, configuration);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }
}

package io.ctiflow.misp;

import io.ctiflow.state.CheckpointingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code misp:} component: pulls events from a MISP server's REST API incrementally, and writes STIX to it as events. */
@Component("misp")
public class MispComponent extends CheckpointingComponent {

    /** The converters of the producers, one per mapping folder (loaded once, thread-safe). */
    private final Map<Path, StixToMisp> converters = new ConcurrentHashMap<>();

    StixToMisp stixToMisp(Path mispMappingsDir) {
        return converters.computeIfAbsent(mispMappingsDir.toAbsolutePath().normalize(), StixToMisp::new);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("misp: needs a name, e.g. misp:circl?url=https://misp.example.org");
        }
        MispCheckpoints.key("misp", remaining);
        MispConfiguration configuration = new MispConfiguration();
        MispEndpoint endpoint = new MispEndpoint(uri, this, remaining, configuration);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }
}

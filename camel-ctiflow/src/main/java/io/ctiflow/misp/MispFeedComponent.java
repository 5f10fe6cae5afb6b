package io.ctiflow.misp;

import io.ctiflow.state.CheckpointingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

import java.util.Map;

/** The {@code misp-feed:} component: reads a MISP feed (manifest.json + one file per event) incrementally. */
@Component("misp-feed")
public class MispFeedComponent extends CheckpointingComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("misp-feed: needs a name, e.g. misp-feed:circl-osint?url=https://...");
        }
        MispCheckpoints.key("misp-feed", remaining);
        MispFeedConfiguration configuration = new MispFeedConfiguration();
        MispFeedEndpoint endpoint = new MispFeedEndpoint(uri, this, remaining, configuration);
        setProperties(endpoint, parameters);
        if (configuration.getUrl() == null || configuration.getUrl().isBlank()) {
            throw new IllegalArgumentException("misp-feed:" + remaining + " needs url=<feed URL or folder>");
        }
        return endpoint;
    }
}

package io.ctiflow.misp;

import io.ctiflow.state.CheckpointStore;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/** The {@code misp-feed:} component: reads a MISP feed (manifest.json + one file per event) incrementally. */
@Component("misp-feed")
public class MispFeedComponent extends DefaultComponent {

    @Metadata(label = "advanced", description = "Folder of the checkpoint files of every misp-feed: endpoint"
            + " (one file per endpoint name); default {{ctiflow.work}}/state.")
    private String checkpointDir;

    @Metadata(label = "advanced", autowired = false, description = "A checkpoint store to use instead of files.")
    private CheckpointStore checkpointStore;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("misp-feed: needs a name, e.g. misp-feed:circl-osint?url=https://...");
        }
        MispCheckpoints.key("misp-feed", remaining);
        MispFeedConfiguration configuration = new MispFeedConfiguration();
        setProperties(configuration, parameters);
        MispFeedEndpoint endpoint = new MispFeedEndpoint(uri, this, remaining, configuration);
        setProperties(endpoint, parameters);
        if (configuration.getUrl() == null || configuration.getUrl().isBlank()) {
            throw new IllegalArgumentException("misp-feed:" + remaining + " needs url=<feed URL or folder>");
        }
        return endpoint;
    }

    CheckpointStore checkpointStoreFor(String endpointDir) {
        return MispCheckpoints.store(getCamelContext(), endpointDir, checkpointStore, checkpointDir);
    }

    public String getCheckpointDir() {
        return checkpointDir;
    }

    public void setCheckpointDir(String checkpointDir) {
        this.checkpointDir = checkpointDir;
    }

    public CheckpointStore getCheckpointStore() {
        return checkpointStore;
    }

    public void setCheckpointStore(CheckpointStore checkpointStore) {
        this.checkpointStore = checkpointStore;
    }
}

package io.ctiflow.misp;

import io.ctiflow.state.CheckpointStore;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/** The {@code misp:} component: pulls events from a MISP server's REST API incrementally. */
@Component("misp")
public class MispComponent extends DefaultComponent {

    @Metadata(label = "advanced", description = "Folder of the checkpoint files of every misp: endpoint"
            + " (one file per endpoint name); default {{ctiflow.work}}/state.")
    private String checkpointDir;

    @Metadata(label = "advanced", autowired = false, description = "A checkpoint store to use instead of files.")
    private CheckpointStore checkpointStore;

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

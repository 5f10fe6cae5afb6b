package io.ctiflow.misp;

import io.ctiflow.state.CheckpointStore;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;

/** What the misp: and misp-feed: components share: where their endpoints keep their checkpoints. */
abstract class CheckpointingComponent extends DefaultComponent {

    @Metadata(label = "advanced", description = "Folder of the checkpoint files of this component's endpoints"
            + " (one file per endpoint name); default {{ctiflow.work}}/state.")
    private String checkpointDir;

    @Metadata(label = "advanced", autowired = false, description = "A checkpoint store to use instead of files.")
    private CheckpointStore checkpointStore;

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

package io.ctiflow.state;

import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the components of incremental sources (misp:, misp-feed:, taxii:, otx:) share: where their endpoints
 * keep their checkpoints. An endpoint's own folder wins, then the component's store (in ctiflow: the
 * state store, see ctiflow-defaults.properties), then the component's folder, then files in {{ctiflow.work}}/state.
 */
public abstract class CheckpointingComponent extends DefaultComponent {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @Metadata(label = "advanced", description = "Folder of the checkpoint files of this component's endpoints"
            + " (one file per endpoint name); default {{ctiflow.work}}/state.")
    private String checkpointDir;

    @Metadata(label = "advanced", autowired = false, description = "A checkpoint store to use instead of files.")
    private CheckpointStore checkpointStore;

    /** The store for an endpoint whose own checkpointDir option is {@code endpointDir} (may be null). */
    public CheckpointStore checkpointStoreFor(String endpointDir) {
        if (endpointDir != null && !endpointDir.isBlank()) {
            return new FileCheckpointStore(Path.of(endpointDir));
        }
        if (checkpointStore != null) {
            return checkpointStore;
        }
        if (checkpointDir != null && !checkpointDir.isBlank()) {
            return new FileCheckpointStore(Path.of(checkpointDir));
        }
        Optional<String> work = Optional.ofNullable(getCamelContext().resolvePropertyPlaceholders("{{?ctiflow.work}}"))
                .filter(dir -> !dir.isBlank());
        return work.map(dir -> new FileCheckpointStore(Path.of(dir, "state")))
                .orElseThrow(() -> new IllegalArgumentException("no checkpoint folder: set checkpointDir on the"
                        + " endpoint or component, or the property ctiflow.work"));
    }

    /** The checkpoint key of an endpoint: scheme and name, so misp:x and misp-feed:x never share one. */
    public static String checkpointKey(String scheme, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(scheme + ":" + name + ": the name must be letters, digits, '.', '_'"
                    + " or '-' (it names the checkpoint file)");
        }
        return scheme + "." + name;
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

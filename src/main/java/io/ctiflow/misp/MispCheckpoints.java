package io.ctiflow.misp;

import io.ctiflow.state.CheckpointStore;
import io.ctiflow.state.FileCheckpointStore;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Chooses the checkpoint store of an endpoint: its own folder, the component's store or folder, or {{ctiflow.work}}/state. */
final class MispCheckpoints {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private MispCheckpoints() {
    }

    static CheckpointStore store(CamelContext context, String endpointDir, CheckpointStore componentStore,
                                 String componentDir) {
        if (endpointDir != null && !endpointDir.isBlank()) {
            return new FileCheckpointStore(Path.of(endpointDir));
        }
        if (componentStore != null) {
            return componentStore;
        }
        if (componentDir != null && !componentDir.isBlank()) {
            return new FileCheckpointStore(Path.of(componentDir));
        }
        Optional<String> work = Optional.ofNullable(context.resolvePropertyPlaceholders("{{?ctiflow.work}}"))
                .filter(dir -> !dir.isBlank());
        return work.map(dir -> new FileCheckpointStore(Path.of(dir, "state")))
                .orElseThrow(() -> new IllegalArgumentException("no checkpoint folder: set checkpointDir on the"
                        + " endpoint or component, or the property ctiflow.work"));
    }

    /** The checkpoint key of an endpoint: scheme and name, so misp:x and misp-feed:x never share one. */
    static String key(String scheme, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(scheme + ":" + name + ": the name must be letters, digits, '.', '_'"
                    + " or '-' (it names the checkpoint file)");
        }
        return scheme + "." + name;
    }
}

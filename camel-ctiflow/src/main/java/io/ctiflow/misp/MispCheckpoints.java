package io.ctiflow.misp;

import io.ctiflow.state.CheckpointingComponent;

/** Checkpoint keys of the MISP endpoints (the store is chosen by {@link CheckpointingComponent}). */
final class MispCheckpoints {

    private MispCheckpoints() {
    }

    /** The checkpoint key of an endpoint: scheme and name, so misp:x and misp-feed:x never share one. */
    static String key(String scheme, String name) {
        return CheckpointingComponent.checkpointKey(scheme, name);
    }
}

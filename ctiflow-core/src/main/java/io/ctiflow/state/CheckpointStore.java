package io.ctiflow.state;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Durable checkpoints of incremental sources (last MISP timestamp, per-event feed timestamps, ...),
 * one JSON object per key. A key names one source endpoint, e.g. {@code misp.circl}.
 */
public interface CheckpointStore {

    /**
     * The checkpoint saved under this key, or empty when none was ever saved.
     *
     * @throws CheckpointException when the stored checkpoint cannot be read or is corrupt; a store
     *         never resets a corrupt checkpoint silently
     */
    Optional<ObjectNode> load(String key);

    /** Replaces the checkpoint of this key; when it returns, the new value survives a crash. */
    void save(String key, ObjectNode checkpoint);
}

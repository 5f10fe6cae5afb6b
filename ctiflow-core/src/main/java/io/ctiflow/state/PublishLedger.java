package io.ctiflow.state;

import io.ctiflow.stix.StixObject;

import java.util.List;

/**
 * What was already delivered, per destination and endpoint, as (object id, modified): deliveries
 * skip those, so a restart, a re-read input or a dead-letter replay publishes nothing twice.
 * A version is recorded only after the endpoint accepted it.
 */
public interface PublishLedger {

    /**
     * The objects of {@code objects} (in their order) whose id and modified were not yet published
     * there, each version once even when the batch repeats it; one look-up per call.
     */
    List<StixObject> unpublished(String destination, String endpoint, List<StixObject> objects);

    /** Records these objects as delivered to the destination's endpoint; already recorded ones are ignored. */
    void markPublished(String destination, String endpoint, List<StixObject> objects);
}

package io.ctiflow.taxii.store;

import java.util.List;

/**
 * What storing an envelope did. Every object counts as a success, including versions that were
 * stored already (a repeated POST is idempotent); {@code newlyStored} says how many rows were added.
 */
public record AddResult(long dateAdded, List<NewObject> successes, int newlyStored) {
}

package io.ctiflow.console;

import io.ctiflow.policy.Policy;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * A proposed policy the policy page compares the running one with (ctiflow.console.policy-candidate): its folder,
 * how to load it (read afresh on each view, so an edit shows at once), and the outbox whose newest
 * {@code bundles} are replayed, as {@code ctiflow policy diff --to <folder>} would.
 */
public record PolicyCandidate(Path dir, Function<Path, Policy> loader, Path outbox, int bundles) {
}

package io.ctiflow.console;

import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.policy.AuditLog;
import io.ctiflow.policy.Policy;
import io.ctiflow.state.DeadLetterStore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the console reads, the same objects the running pipeline and the CLI use: the policy, the audit trail
 * (flushed before each read, so a page shows every decision made), source health, the dead-letter store, the
 * embedded TAXII store and a candidate policy to compare with (both null when there is none).
 */
public record ConsoleSources(Policy policy, AuditLog auditLog, Path auditDir, SourceHealth health, DeadLetterStore deadLetters,
                      TaxiiCollections collections, PolicyCandidate candidate) {

    /** The audit folder with every decision so far written out. */
    Path audit() throws IOException {
        if (auditLog != null) {
            auditLog.flush();
        }
        return auditDir;
    }
}

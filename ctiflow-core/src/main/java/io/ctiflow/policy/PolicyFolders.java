package io.ctiflow.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Policies that {@code jurisdiction:} endpoints load from folders: each folder is loaded and checked once, and
 * every endpoint of one audit folder shares one audit log (two writers of one hash chain would break it).
 */
final class PolicyFolders implements AutoCloseable {

    /** The audit log keeps 20 files of 64 MB, as the runtime's default does. */
    private static final long AUDIT_MAX_BYTES = 64L << 20;
    private static final int AUDIT_KEEP = 20;

    record Loaded(JurisdictionFilter filter, AuditLog audit) {
    }

    private final Map<Path, Policy> policies = new HashMap<>();
    private final Map<Path, AuditLog> audits = new HashMap<>();
    private final Map<String, Loaded> loaded = new HashMap<>();

    synchronized Loaded load(Path policyFolder, Path auditFolder) {
        Path folder = policyFolder.toAbsolutePath().normalize();
        Path auditDir = auditFolder.toAbsolutePath().normalize();
        return loaded.computeIfAbsent(folder + "\n" + auditDir, k -> {
            Policy policy = policies.computeIfAbsent(folder, f -> new PolicyLoader(f.resolve("schema")).load(f));
            AuditLog audit = audits.computeIfAbsent(auditDir, d -> new AuditLog(d, AUDIT_MAX_BYTES, AUDIT_KEEP));
            return new Loaded(new JurisdictionFilter(policy, audit), audit);
        });
    }

    @Override
    public synchronized void close() throws IOException {
        for (AuditLog audit : audits.values()) {
            audit.close();
        }
        audits.clear();
        loaded.clear();
        policies.clear();
    }
}

package io.ctiflow.cluster;

import io.ctiflow.net.HostName;

/**
 * Which ctiflow process this is, when several share one job: {@code ctiflow.instance.id}, or else
 * host name and process id (two instances on one host still differ; in Kubernetes the host name is the pod's).
 * It names the instance in log lines, metrics, the audit log and the cluster's leader election.
 */
public final class InstanceId {

    private InstanceId() {
    }

    /** The configured id, or {@link #fallback()} when it is blank. */
    public static String of(String configured) {
        return configured == null || configured.isBlank() ? fallback() : configured.strip();
    }

    public static String fallback() {
        return HostName.get() + "-" + ProcessHandle.current().pid();
    }
}

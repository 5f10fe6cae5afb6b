package io.ctiflow.cluster;

import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The cluster service {@code ctiflow.cluster.service} names, configured from {@code ctiflow.cluster.*}. */
public final class ClusterServices {

    private ClusterServices() {
    }

    public static CamelClusterService create(Function<String, Optional<String>> property, String instance) {
        String type = property.apply("ctiflow.cluster.service").orElse("file").strip();
        return switch (type) {
            case "file" -> file(property, instance);
            case "kubernetes" -> kubernetes(property, instance);
            default -> throw new IllegalArgumentException("ctiflow.cluster.service: file or kubernetes, not '" + type + "'");
        };
    }

    /** A lock file per namespace in a folder every instance sees (a shared volume): the holder of the lock leads. */
    static FileLockClusterService file(Function<String, Optional<String>> property, String instance) {
        String root = property.apply("ctiflow.cluster.root").filter(r -> !r.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("ctiflow.cluster.root: the shared folder of the file cluster service is not set"));
        FileLockClusterService service = new FileLockClusterService();
        service.setId(instance);
        service.setRoot(root);
        service.setAcquireLockDelay(millis(property, "ctiflow.cluster.acquire-delay", 1000), TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(millis(property, "ctiflow.cluster.acquire-interval", 2000), TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier((int) millis(property, "ctiflow.cluster.heartbeat-timeout-multiplier", 3));
        return service;
    }

    /**
     * A coordination.k8s.io Lease in the pod's namespace, renewed by the leader. The lease holder is the pod's
     * name (Camel takes it from HOSTNAME), not the instance id: Camel matches holders against running pods.
     */
    static KubernetesClusterService kubernetes(Function<String, Optional<String>> property, String instance) {
        KubernetesClusterService service = new KubernetesClusterService();
        service.setId(instance);
        service.setLeaseResourceType(LeaseResourceType.Lease);
        property.apply("ctiflow.cluster.kubernetes.namespace").filter(n -> !n.isBlank()).ifPresent(service::setKubernetesNamespace);
        service.setKubernetesResourceName(property.apply("ctiflow.cluster.kubernetes.lease-name").orElse("ctiflow-leaders"));
        service.setLeaseDurationMillis(millis(property, "ctiflow.cluster.kubernetes.lease-duration", 15000));
        service.setRenewDeadlineMillis(millis(property, "ctiflow.cluster.kubernetes.renew-deadline", 10000));
        service.setRetryPeriodMillis(millis(property, "ctiflow.cluster.kubernetes.retry-period", 2000));
        return service;
    }

    private static long millis(Function<String, Optional<String>> property, String key, long fallback) {
        return property.apply(key).filter(v -> !v.isBlank()).map(v -> Long.parseLong(v.strip())).orElse(fallback);
    }
}

package io.ctiflow.cluster;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ctiflow.cluster.service selects and configures the cluster service. The Kubernetes one is only
 * built here, never started: that needs a Kubernetes API server, which the tests do not have.
 */
class ClusterServicesTest {

    private static Function<String, Optional<String>> props(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void fileIsTheDefaultAndTakesItsFolderAndIntervals() {
        var service = ClusterServices.create(props(Map.of("ctiflow.cluster.root", "/shared/ctiflow-cluster",
                "ctiflow.cluster.acquire-interval", "1500", "ctiflow.cluster.heartbeat-timeout-multiplier", "4")), "node-1");
        assertThat(service).isInstanceOf(FileLockClusterService.class);
        FileLockClusterService file = (FileLockClusterService) service;
        assertThat(file.getId()).isEqualTo("node-1");
        assertThat(file.getRoot()).isEqualTo("/shared/ctiflow-cluster");
        assertThat(TimeUnit.MILLISECONDS.convert(file.getAcquireLockInterval(), file.getAcquireLockIntervalUnit())).isEqualTo(1500);
        assertThat(file.getHeartbeatTimeoutMultiplier()).isEqualTo(4);
    }

    @Test
    void theFileServiceNeedsASharedFolder() {
        assertThatThrownBy(() -> ClusterServices.create(props(Map.of("ctiflow.cluster.root", " ")), "node-1"))
                .hasMessageContaining("ctiflow.cluster.root");
    }

    @Test
    void kubernetesSelectsALeaseNamedByConfiguration() {
        var service = ClusterServices.create(props(Map.of("ctiflow.cluster.service", "kubernetes",
                "ctiflow.cluster.kubernetes.namespace", "cti", "ctiflow.cluster.kubernetes.lease-name", "ctiflow-pollers",
                "ctiflow.cluster.kubernetes.lease-duration", "20000")), "ctiflow-7d9f-x2");
        assertThat(service).isInstanceOf(KubernetesClusterService.class);
        KubernetesClusterService kubernetes = (KubernetesClusterService) service;
        assertThat(kubernetes.getId()).isEqualTo("ctiflow-7d9f-x2");
        assertThat(kubernetes.getPodName()).as("left to Camel: the pod's HOSTNAME").isNull();
        assertThat(kubernetes.getLeaseResourceType()).isEqualTo(LeaseResourceType.Lease);
        assertThat(kubernetes.getKubernetesNamespace()).isEqualTo("cti");
        assertThat(kubernetes.getKubernetesResourceName()).isEqualTo("ctiflow-pollers");
        assertThat(kubernetes.getLeaseDurationMillis()).isEqualTo(20000);
    }

    @Test
    void anUnknownServiceIsRefused() {
        assertThatThrownBy(() -> ClusterServices.create(props(Map.of("ctiflow.cluster.service", "zookeeper")), "node-1"))
                .hasMessageContaining("file or kubernetes");
    }
}

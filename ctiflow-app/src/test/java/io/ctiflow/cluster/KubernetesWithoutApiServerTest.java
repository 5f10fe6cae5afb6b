package io.ctiflow.cluster;

import io.ctiflow.app.CtiflowRouteTestSupport;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.impl.cluster.ClusteredRouteController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ctiflow.cluster.service=kubernetes with no Kubernetes API server (none exists in the tests: the
 * fabric8 client is pointed at a closed port on 127.0.0.1, no fake cluster): ctiflow starts with
 * Camel's Kubernetes cluster service under the clustered controller, keeps retrying the Lease, and
 * runs no poller, as it can never know it leads. The non-polling routes run.
 */
@CtiflowRouteTestSupport.TestProperties({"ctiflow.cluster.enabled", "true", "ctiflow.cluster.service", "kubernetes",
        "ctiflow.cluster.kubernetes.namespace", "ctiflow-test", "ctiflow.cluster.kubernetes.retry-period", "500"})
class KubernetesWithoutApiServerTest extends CtiflowRouteTestSupport {

    private static final String MASTER = "kubernetes.master";

    @BeforeAll
    static void noApiServer() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        System.setProperty(MASTER, "https://127.0.0.1:" + closed);
    }

    @AfterAll
    static void forget() {
        System.clearProperty(MASTER);
    }

    @Test
    void withoutALeaseNoPollerRuns() {
        ClusteredRouteController controller = (ClusteredRouteController) context.getRouteController();
        assertThat(controller.getClusterService()).isInstanceOf(KubernetesClusterService.class);
        assertThat(context.getRouteController().getRouteStatus("csv-files-to-stix-files")).isEqualTo(ServiceStatus.Started);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> context.getRouteController().getRouteStatus("dead-letter-replay") == ServiceStatus.Stopped);
        assertThat(bean("clusterLeadership", ClusterLeadership.class).isLeader()).isFalse();
    }
}

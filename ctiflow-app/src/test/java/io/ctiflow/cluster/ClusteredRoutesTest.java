package io.ctiflow.cluster;

import io.ctiflow.app.CtiflowRouteTestSupport;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.cluster.ClusteredRouteController;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ctiflow.cluster.enabled puts Camel's clustered route controller in charge of exactly the enabled
 * polling routes (here the IMAP source, its scheme behind a placeholder, and the dead-letter replay
 * timer), with the file cluster service on a folder; the inbox and the direct routes are left alone,
 * and a disabled source (URLhaus) stays out so leadership never starts it. This instance, alone,
 * becomes leader and starts them.
 */
@CtiflowRouteTestSupport.TestProperties({"ctiflow.cluster.enabled", "true", "ctiflow.instance.id", "unit-a",
        "ctiflow.cluster.acquire-delay", "100", "ctiflow.cluster.acquire-interval", "500",
        // the IMAP route starts but does not poll during the test: no server is needed
        "ctiflow.imap.enabled", "true", "ctiflow.imap.protocol", "imap", "ctiflow.imap.host", "127.0.0.1",
        "ctiflow.imap.port", "1", "ctiflow.imap.initial-delay", "600000"})
class ClusteredRoutesTest extends CtiflowRouteTestSupport {

    @Override
    protected Map<String, String> properties() {
        return Map.of("ctiflow.cluster.root", work.resolve("cluster").toString());
    }

    @Test
    void theClusteredControllerLeadsExactlyTheEnabledPollers() {
        assertThat(context.getRouteController()).isInstanceOf(ClusteredRouteController.class);
        ClusteredRouteController controller = (ClusteredRouteController) context.getRouteController();
        assertThat(controller.getNamespace()).isEqualTo("ctiflow");
        assertThat(controller.getClusterService().getId()).isEqualTo("unit-a");
        assertThat(controller.getControlledRoutes().stream().map(Route::getId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("imap-to-stix-files", "dead-letter-replay");

        // alone in the namespace: this instance takes the lock file and starts the pollers
        await().atMost(Duration.ofSeconds(10)).until(() -> bean("clusterLeadership", ClusterLeadership.class).isLeader());
        await().atMost(Duration.ofSeconds(5)).until(() -> context.getRouteController().getRouteStatus("imap-to-stix-files") == ServiceStatus.Started);
        assertThat(context.getRouteController().getRouteStatus("dead-letter-replay")).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRouteController().getRouteStatus("csv-files-to-stix-files")).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRouteController().getRouteStatus("urlhaus-http-to-stix-files")).isEqualTo(ServiceStatus.Stopped);
        assertThat(work.resolve("cluster/ctiflow")).exists();
    }

    /** A connector's Kamelet polls in its own route (timer:): that route leads, the route reading from it does not need to. */
    @Test
    void aConnectorsPollingRouteIsLeaderOnly() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:abusech-urlhaus-source?url=http://127.0.0.1:1/csv_recent/&period=600000").routeId("my-urlhaus")
                        .to("log:my-urlhaus");
            }
        });
        ClusteredRouteController controller = (ClusteredRouteController) context.getRouteController();
        assertThat(controller.getControlledRoutes().stream().map(Route::getId))
                .anyMatch(id -> id.startsWith("abusech-urlhaus-source")).doesNotContain("my-urlhaus");
    }

    /** A shared inbox folder: listing the file scheme makes the inbox route leader-only too (docs/operations.md). */
    @Test
    @TestProperties({"ctiflow.cluster.leader-only", "file,timer"})
    void aSharedInboxIsLeaderOnlyWhenFileIsListed() {
        ClusteredRouteController controller = (ClusteredRouteController) context.getRouteController();
        assertThat(controller.getControlledRoutes().stream().map(Route::getId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("csv-files-to-stix-files", "dead-letter-replay");
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRouteController().getRouteStatus("csv-files-to-stix-files") == ServiceStatus.Started);
        assertThat(context.getRouteController().getRouteStatus("imap-to-stix-files")).isEqualTo(ServiceStatus.Started);
    }
}

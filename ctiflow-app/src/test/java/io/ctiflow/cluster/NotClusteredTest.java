package io.ctiflow.cluster;

import io.ctiflow.app.CtiflowRouteTestSupport;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.cluster.ClusteredRouteController;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Off by default: one instance runs every route as it always did, under Camel's default route controller. */
class NotClusteredTest extends CtiflowRouteTestSupport {

    @Test
    void byDefaultNoRouteWaitsForLeadership() {
        assertThat(context.getRouteController()).isNotInstanceOf(ClusteredRouteController.class);
        assertThat(context.getRegistry().lookupByName("clusterLeadership")).isNull();
        assertThat(context.getRouteController().getRouteStatus("dead-letter-replay")).isEqualTo(ServiceStatus.Started);
    }
}

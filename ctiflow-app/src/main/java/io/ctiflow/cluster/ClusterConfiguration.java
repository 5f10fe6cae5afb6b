package io.ctiflow.cluster;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.cluster.ClusteredRouteController;
import org.apache.camel.impl.cluster.ClusteredRouteFilters;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Several instances, one job (ctiflow.cluster.enabled): Camel's clustered route controller starts the
 * polling routes ({@link LeaderOnlyRoutes}) only on the instance that leads the namespace of the
 * cluster service ({@link ClusterServices}); every other route runs on every instance. Disabled
 * sources (autoStartup false) stay out, so leadership never starts them. Binds {@code clusterLeadership}.
 * Runs before the routes are created.
 */
public final class ClusterConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (!Boolean.parseBoolean(properties.resolveProperty("ctiflow.cluster.enabled").orElse("false").strip())) {
            return;
        }
        String instance = InstanceId.of(properties.resolveProperty("ctiflow.instance.id").orElse(""));
        CamelClusterService service = ClusterServices.create(properties::resolveProperty, instance);
        service.setCamelContext(context);
        // initialised now: the routes' cluster policies ask it for their view before the controller starts it
        // (the Kubernetes service builds its lock configuration only in init)
        ServiceHelper.initService(service);
        String namespace = properties.resolveProperty("ctiflow.cluster.namespace").orElse("ctiflow").strip();
        ClusteredRouteController controller = new ClusteredRouteController();
        controller.setClusterService(service);
        controller.setNamespace(namespace);
        controller.addFilter(new ClusteredRouteFilters.IsAutoStartup());
        controller.addFilter(new LeaderOnlyRoutes(properties.resolveProperty("ctiflow.cluster.leader-only").orElse("")));
        context.setRouteController(controller);

        ClusterLeadership leadership = new ClusterLeadership(service, namespace);
        context.getRegistry().bind("clusterLeadership", leadership);
        // the controller starts the service with the context; the listener needs it started. Only at the
        // context's start: Camel calls startup listeners again for each route started later, leadership's included
        context.addStartupListener((started, alreadyStarted) -> {
            if (!alreadyStarted) {
                leadership.watch();
            }
        });
    }
}

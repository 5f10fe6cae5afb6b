package io.ctiflow.cluster;

import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance leads the pollers' namespace: logged when it changes (operators and the
 * failover test read it) and read by the {@code ctiflow_cluster_leader} gauge.
 */
public final class ClusterLeadership implements CamelClusterEventListener.Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterLeadership.class);

    private final CamelClusterService service;
    private final String namespace;
    private volatile boolean leader;

    public ClusterLeadership(CamelClusterService service, String namespace) {
        this.service = service;
        this.namespace = namespace;
    }

    /** Starts listening; the service must be started (the clustered route controller starts it). */
    public void watch() throws Exception {
        service.getView(namespace).addEventListener(this);
    }

    @Override
    public void leadershipChanged(CamelClusterView view, CamelClusterMember current) {
        boolean now = view.getLocalMember().isLeader();
        if (now != leader) {
            leader = now;
            LOG.info(now ? "instance {} leads '{}': the polling routes run here"
                    : "instance {} no longer leads '{}': the polling routes stop here", service.getId(), namespace);
        }
    }

    public boolean isLeader() {
        return leader;
    }

    public String namespace() {
        return namespace;
    }

    /** This instance's id in the cluster (ctiflow.instance.id). */
    public String instance() {
        return service.getId();
    }
}

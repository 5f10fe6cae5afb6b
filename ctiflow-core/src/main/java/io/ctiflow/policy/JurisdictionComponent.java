package io.ctiflow.policy;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code jurisdiction:<destination>}: a step that replaces the STIX objects in the body (a Batch, a
 * collection of objects, or a bundle as JSON) with what that destination may receive under the
 * policies. With {@code policies=<folder>} it loads that policy itself and audits to {@code auditDir};
 * without, it uses the {@code jurisdictionFilter} bean of the registry (bound by ctiflow's configuration), so
 * decisions reach the same audit log and metrics as the fan-out.
 */
@Component("jurisdiction")
public final class JurisdictionComponent extends DefaultComponent {

    private final PolicyFolders folders = new PolicyFolders();

    /** The policies loaded from folders by this component's endpoints, one filter and audit log per folder. */
    PolicyFolders folders() {
        return folders;
    }

    @Override
    protected void doStop() throws Exception {
        folders.close();
        super.doStop();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("jurisdiction: needs a destination id, e.g. jurisdiction:cert-eu");
        }
        JurisdictionEndpoint endpoint = new JurisdictionEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}

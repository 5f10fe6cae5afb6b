package io.ctiflow.sink;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/** The {@code signed-webhook:} component: POSTs signed STIX 2.1 bundles to an HTTP receiver. */
@Component("signed-webhook")
public class WebhookComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("signed-webhook: needs a name, e.g. signed-webhook:partner-soar?url=https://...&secret=...");
        }
        WebhookConfiguration configuration = new WebhookConfiguration();
        WebhookEndpoint endpoint = new WebhookEndpoint(uri, this, remaining, configuration);
        setProperties(endpoint, parameters);
        configuration.validate("signed-webhook:" + remaining);
        return endpoint;
    }
}

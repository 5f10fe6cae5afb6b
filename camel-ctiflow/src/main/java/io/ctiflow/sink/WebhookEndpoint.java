package io.ctiflow.sink;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.util.URISupport;

/** POSTs STIX 2.1 bundles, signed with HMAC-SHA-256, to a partner's HTTP receiver (producer only). */
@UriEndpoint(firstVersion = "0.1.0", scheme = "signed-webhook", title = "STIX webhook", syntax = "signed-webhook:name",
        producerOnly = true, category = {Category.SECURITY, Category.HTTP}, headersClass = WebhookConstants.class)
public class WebhookEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of this receiver (for logs and metrics).")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final WebhookConfiguration configuration;

    WebhookEndpoint(String uri, WebhookComponent component, String name, WebhookConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new WebhookProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("signed-webhook: is a producer only (use it in to:)");
    }

    public String getName() {
        return name;
    }

    public WebhookConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + URISupport.sanitizeUri(getEndpointUri()) + "]";
    }
}

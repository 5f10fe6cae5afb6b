package io.ctiflow.sink;

import io.ctiflow.pipeline.StixBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Sends the body's STIX objects to the receiver and sets {@link WebhookConstants#REQUESTS} and
 * {@link WebhookConstants#OBJECTS}; a request that fails for good fails the exchange with a
 * {@link WebhookException}, which the route's error handler or dead letter sees.
 */
final class WebhookProducer extends DefaultProducer {

    private final WebhookEndpoint endpoint;
    private WebhookClient client;

    WebhookProducer(WebhookEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        client = new WebhookClient(endpoint.getConfiguration());
        super.doStart();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        WebhookResult result = client.send(StixBodies.list(in.getBody(), "signed-webhook:" + endpoint.getName() + " body"),
                in.getHeader(WebhookConstants.DESTINATION, String.class));
        in.setHeader(WebhookConstants.REQUESTS, result.requests());
        in.setHeader(WebhookConstants.OBJECTS, result.objects());
    }
}

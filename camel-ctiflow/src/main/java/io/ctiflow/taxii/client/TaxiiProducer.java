package io.ctiflow.taxii.client;

import io.ctiflow.pipeline.StixBodies;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import java.util.Iterator;

/**
 * Publishes the exchange body's STIX objects to the collection and sets the result headers
 * ({@link TaxiiConstants}); when any object failed the exchange fails with a
 * {@link TaxiiPublishException} naming them, so the route's error handler or dead letter sees it.
 */
final class TaxiiProducer extends DefaultProducer {

    private final TaxiiEndpoint endpoint;
    private Publisher publisher;

    TaxiiProducer(TaxiiEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        // the collection is looked up on the first exchange, so a route starts while the server is down
        publisher = new Publisher(new TaxiiClient(endpoint.getConfiguration()));
        super.doStart();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        Iterator<StixObject> objects = StixBodies.objects(in.getBody(), "taxii:" + endpoint.getName() + " body");
        PublishResult result;
        try {
            result = publisher.publish(objects);
        } catch (TaxiiPublishException e) {
            headers(in, e.result());
            throw e;
        } finally {
            if (objects instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        headers(in, result);
        if (result.hasFailures()) {
            throw new TaxiiPublishException(result);
        }
    }

    private static void headers(Message in, PublishResult result) {
        in.setHeader(TaxiiConstants.POSTED, result.posted());
        in.setHeader(TaxiiConstants.SUCCEEDED, result.succeeded());
        in.setHeader(TaxiiConstants.FAILURES, result.failures());
        in.setHeader(TaxiiConstants.STATUS_IDS, result.statusIds());
    }
}

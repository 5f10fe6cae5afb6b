package io.ctiflow.taxii.client;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.util.URISupport;

/**
 * A TAXII 2.1 collection. As producer (to:) it publishes the body's STIX objects in envelopes and follows
 * their status; as consumer (from:) it polls the collection incrementally, one exchange per page (body: a
 * Batch), with a durable checkpoint under the endpoint name.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "taxii", title = "TAXII 2.1", syntax = "taxii:name",
        category = {Category.SECURITY, Category.REST}, headersClass = TaxiiConstants.class)
public class TaxiiEndpoint extends ScheduledPollEndpoint {

    /** Five minutes between polls unless delay is set. */
    static final long DEFAULT_DELAY = 300_000;

    @UriPath(description = "Name of this TAXII endpoint: the CtiflowFeed header and the checkpoint key.")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final TaxiiConfiguration configuration;

    TaxiiEndpoint(String uri, TaxiiComponent component, String name, TaxiiConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
        setDelay(DEFAULT_DELAY);
    }

    @Override
    public Producer createProducer() {
        return new TaxiiProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        TaxiiComponent component = (TaxiiComponent) getComponent();
        TaxiiConsumer consumer = new TaxiiConsumer(this, processor,
                component.checkpointStoreFor(configuration.getCheckpointDir()));
        configureConsumer(consumer);
        return consumer;
    }

    public String getName() {
        return name;
    }

    public TaxiiConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String toString() {
        return "TaxiiEndpoint[" + URISupport.sanitizeUri(getEndpointUri()) + "]";
    }
}

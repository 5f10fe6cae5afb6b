package io.ctiflow.connectors.otx;

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
 * Pulls AlienVault OTX pulses incrementally (consumer only): GET /api/v1/pulses/subscribed or activity with
 * modified_since and limit, following next; one exchange per pulse (body: the pulse as a Jackson ObjectNode);
 * the newest delivered modified is kept in a durable checkpoint.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "otx", title = "AlienVault OTX", syntax = "otx:name", consumerOnly = true,
        category = {Category.SECURITY, Category.REST}, headersClass = OtxConstants.class)
public class OtxEndpoint extends ScheduledPollEndpoint {

    /** Fifteen minutes between polls unless delay is set (OTX asks clients not to poll hard). */
    static final long DEFAULT_DELAY = 900_000;

    @UriPath(description = "Name of this OTX source: the CtiflowFeed header and the checkpoint key.")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final OtxConfiguration configuration;

    OtxEndpoint(String uri, OtxComponent component, String name, OtxConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
        setDelay(DEFAULT_DELAY);
    }

    void validate() {
        String url = configuration.baseUrl();
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException("otx:" + name + " url must be http(s)://..., was '" + url + "'");
        }
        if (!"subscribed".equals(configuration.getEndpoint()) && !"activity".equals(configuration.getEndpoint())) {
            throw new IllegalArgumentException("otx:" + name + " endpoint must be subscribed or activity, was '"
                    + configuration.getEndpoint() + "'");
        }
        if (configuration.getPageSize() < 1) {
            throw new IllegalArgumentException("otx:" + name + " pageSize must be at least 1");
        }
        if (configuration.getSince() != null && !configuration.getSince().isBlank()) {
            OtxTime.parse(configuration.getSince(), "otx:" + name + " since");
        }
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("otx:" + name + " is a source only; OTX pulses cannot be written through it");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        OtxComponent component = (OtxComponent) getComponent();
        OtxConsumer consumer = new OtxConsumer(this, processor, component.checkpointStoreFor(configuration.getCheckpointDir()));
        configureConsumer(consumer);
        return consumer;
    }

    public String getName() {
        return name;
    }

    public OtxConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String toString() {
        return "OtxEndpoint[" + URISupport.sanitizeUri(getEndpointUri()) + "]";
    }
}

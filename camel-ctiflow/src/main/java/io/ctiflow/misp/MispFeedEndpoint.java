package io.ctiflow.misp;

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
 * Reads a MISP feed (manifest.json and one file per event, over HTTP(S) or from a folder): one exchange per
 * new or changed event (body: the event as a Jackson ObjectNode); the manifest timestamp of every delivered
 * event is kept in a durable checkpoint.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "misp-feed", title = "MISP Feed", syntax = "misp-feed:name",
        consumerOnly = true, category = {Category.SECURITY, Category.HTTP}, headersClass = MispConstants.class)
public class MispFeedEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "Name of this feed: the CtiflowFeed header and the checkpoint key.")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final MispFeedConfiguration configuration;

    MispFeedEndpoint(String uri, MispFeedComponent component, String name, MispFeedConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
        setDelay(MispEndpoint.DEFAULT_DELAY);
    }

    @Override
    public Producer createProducer() {
        throw new IllegalArgumentException("misp-feed: only consumes (from:)");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MispFeedComponent component = (MispFeedComponent) getComponent();
        MispFeedConsumer consumer = new MispFeedConsumer(this, processor,
                component.checkpointStoreFor(configuration.getCheckpointDir()));
        configureConsumer(consumer);
        return consumer;
    }

    public String getName() {
        return name;
    }

    public MispFeedConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String toString() {
        return "MispFeedEndpoint[" + URISupport.sanitizeUri(getEndpointUri()) + "]";
    }
}

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

import java.nio.file.Path;

/**
 * A MISP server's REST API. As consumer (from:) it pulls events incrementally with POST /events/restSearch,
 * one exchange per event (body: the event as a Jackson ObjectNode), the last delivered timestamp kept in a
 * durable checkpoint under the endpoint name; as producer (to:) it writes the exchange's STIX as one MISP event.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "misp", title = "MISP", syntax = "misp:name",
        category = {Category.SECURITY, Category.REST}, headersClass = MispConstants.class)
public class MispEndpoint extends ScheduledPollEndpoint {

    /** Five minutes between polls unless delay is set. */
    static final long DEFAULT_DELAY = 300_000;

    @UriPath(description = "Name of this MISP source: the CtiflowFeed header and the checkpoint key.")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final MispConfiguration configuration;

    MispEndpoint(String uri, MispComponent component, String name, MispConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
        setDelay(DEFAULT_DELAY);
    }

    void validate() {
        if (configuration.getUrl() == null || configuration.getUrl().isBlank()) {
            throw new IllegalArgumentException("misp:" + name + " needs url=https://<misp server>");
        }
        if (configuration.getPageSize() < 1) {
            throw new IllegalArgumentException("misp:" + name + " pageSize must be at least 1");
        }
        if (configuration.getSince() != null && !configuration.getSince().isBlank()) {
            MispTimestamps.parseSince(configuration.getSince());
        }
    }

    @Override
    public Producer createProducer() {
        StixToMisp.sharingProblem(configuration.getDistribution(), configuration.getSharingGroup(), "distribution", "sharingGroup")
                .ifPresent(problem -> {
                    throw new IllegalArgumentException("misp:" + name + " " + problem);
                });
        String dir = configuration.getMappings();
        if (dir == null || dir.isBlank()) {
            dir = getCamelContext().getPropertiesComponent().resolveProperty("ctiflow.mappings").orElse("mappings") + "/misp";
        }
        return new MispProducer(this, ((MispComponent) getComponent()).stixToMisp(Path.of(dir)));
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MispComponent component = (MispComponent) getComponent();
        MispConsumer consumer = new MispConsumer(this, processor,
                component.checkpointStoreFor(configuration.getCheckpointDir()));
        configureConsumer(consumer);
        return consumer;
    }

    public String getName() {
        return name;
    }

    public MispConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String toString() {
        return "MispEndpoint[" + URISupport.sanitizeUri(getEndpointUri()) + "]";
    }
}

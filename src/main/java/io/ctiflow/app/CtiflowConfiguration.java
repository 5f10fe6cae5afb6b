package io.ctiflow.app;

import io.ctiflow.feed.DeadLetters;
import io.ctiflow.feed.FeedBatches;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.feed.Mappings;
import io.ctiflow.misp.MispBatches;
import io.ctiflow.misp.MispToStix;
import io.ctiflow.stix.StixDataFormat;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * Binds the beans the routes in routes/ refer to, configured from application.properties (and
 * environment overrides): {@code feedBatches}, {@code deadLetters}, {@code feedStats}, the
 * {@code stix} data format, {@code mispBatches} (MISP events to STIX) and the loaded {@code mappings}.
 */
public final class CtiflowConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camelContext) {
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        Path mappingsDir = Path.of(properties.resolveProperty("ctiflow.mappings").orElse("mappings"));
        int batchSize = Integer.parseInt(properties.resolveProperty("ctiflow.batch.size").orElse("1000"));
        Path deadLetterDir = Path.of(properties.resolveProperty("ctiflow.deadletter").orElse("work/deadletter"));

        Mappings mappings = new Mappings(mappingsDir);
        FeedStats stats = new FeedStats();
        var registry = camelContext.getRegistry();
        registry.bind("mappings", mappings);
        registry.bind("feedStats", stats);
        int readAhead = Integer.parseInt(properties.resolveProperty("ctiflow.read-ahead").orElse("2"));
        ExecutorService readers = readAhead > 0
                ? camelContext.getExecutorServiceManager().newCachedThreadPool(this, "ctiflow-feed-reader") : null;
        registry.bind("feedBatches", new FeedBatches(mappings, batchSize, readers, readAhead));
        registry.bind("deadLetters", new DeadLetters(deadLetterDir, stats));
        registry.bind("mispBatches", new MispBatches(new MispToStix(mappingsDir.resolve("misp"))));
        StixDataFormat stix = new StixDataFormat();
        stix.setPretty(Boolean.parseBoolean(properties.resolveProperty("ctiflow.stix.pretty").orElse("false")));
        registry.bind("stix", stix);
    }
}

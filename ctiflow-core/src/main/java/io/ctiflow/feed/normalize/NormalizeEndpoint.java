package io.ctiflow.feed.normalize;

import io.ctiflow.feed.DeadLetters;
import io.ctiflow.feed.FeedBatches;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.feed.Mappings;
import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import java.nio.file.Path;

/**
 * Turns a feed's payload (CSV or JSON) into batches of STIX 2.1 objects through a mapping of the mappings folder;
 * the body becomes the iterator of those batches for a streaming split, and every rejected record is written to
 * the dead-letter folder with its line and reason.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "stix-normalize", title = "STIX normalize", syntax = "stix-normalize:mapping",
        producerOnly = true, category = {Category.TRANSFORMATION}, headersClass = PipelineHeaders.class)
public final class NormalizeEndpoint extends DefaultEndpoint {

    @UriPath(description = "The feed's mapping: its name under the mappings folder (e.g. urlhaus) or the path of a mapping file")
    @Metadata(required = true)
    private final String mapping;

    @UriParam(description = "Folder of the mapping files (csv/, json/, taxonomy/, stix/, schema/ as shipped in mappings/). "
            + "Default: the mappings of the ctiflow runtime when it runs, else ./mappings")
    private String mappings;

    @UriParam(description = "Folder of the dead letters: one JSON line per rejected record (source, origin, line, reason, record) "
            + "in {feed}.jsonl. Default: the ctiflow runtime's dead-letter store when it runs, else ./deadletter")
    private String deadLetterDir;

    @UriParam(description = "STIX objects per batch (a batch ends at the record that reaches it)", defaultValue = "1000")
    private int batchSize = 1000;

    NormalizeEndpoint(String uri, NormalizeComponent component, String mapping) {
        super(uri, component);
        this.mapping = mapping;
    }

    public String getMapping() {
        return mapping;
    }

    public String getMappings() {
        return mappings;
    }

    public void setMappings(String mappings) {
        this.mappings = mappings;
    }

    public String getDeadLetterDir() {
        return deadLetterDir;
    }

    public void setDeadLetterDir(String deadLetterDir) {
        this.deadLetterDir = deadLetterDir;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("stix-normalize: batchSize must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public Producer createProducer() {
        FeedBatches runtimeBatches = getCamelContext().getRegistry().lookupByNameAndType("feedBatches", FeedBatches.class);
        DeadLetters runtimeDeadLetters = getCamelContext().getRegistry().lookupByNameAndType("deadLetters", DeadLetters.class);
        // options given win; otherwise the running ctiflow's own beans (its read-ahead, stats and state store)
        FeedBatches batches = mappings == null && runtimeBatches != null ? runtimeBatches
                : new FeedBatches(new Mappings(Path.of(mappings == null ? "mappings" : mappings)), batchSize, null, 0);
        DeadLetters deadLetters = deadLetterDir == null && runtimeDeadLetters != null ? runtimeDeadLetters
                : new DeadLetters(Path.of(deadLetterDir == null ? "deadletter" : deadLetterDir), new FeedStats());
        return new NormalizeProducer(this, batches, deadLetters);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("stix-normalize: is a processing step; it cannot start a route");
    }
}

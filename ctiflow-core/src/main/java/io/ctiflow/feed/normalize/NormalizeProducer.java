package io.ctiflow.feed.normalize;

import io.ctiflow.feed.DeadLetters;
import io.ctiflow.feed.FeedBatches;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Replaces the body with the iterator of its batches, mapped as the route's split reads them. Each batch's
 * rejected records are written to the dead letters before the batch is handed on, so a reject is on disk even
 * when a later step fails the batch.
 */
final class NormalizeProducer extends DefaultProducer {

    private final FeedBatches batches;
    private final DeadLetters deadLetters;

    NormalizeProducer(NormalizeEndpoint endpoint, FeedBatches batches, DeadLetters deadLetters) {
        super(endpoint);
        this.batches = batches;
        this.deadLetters = deadLetters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getIn().setHeader(PipelineHeaders.FEED, ((NormalizeEndpoint) getEndpoint()).getMapping());
        Iterator<Batch> mapped = batches.split(exchange);
        exchange.getIn().setBody(new Iterator<Batch>() {
            @Override
            public boolean hasNext() {
                return mapped.hasNext();
            }

            @Override
            public Batch next() {
                Batch batch = mapped.next();
                try {
                    deadLetters.write(batch);
                } catch (IOException e) {
                    throw new UncheckedIOException("stix-normalize: cannot write the rejects of " + batch.bundleName() + " to "
                            + deadLetters.dir() + ": " + e.getMessage(), e);
                }
                return batch;
            }
        });
    }
}

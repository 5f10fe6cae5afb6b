package io.ctiflow.taxii.client;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.state.CheckpointStore;
import io.ctiflow.state.CheckpointingComponent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One poll reads the collection from the checkpoint on ({@link CollectionReader}) and sends each
 * page of new objects through the route as one exchange (body: a {@link Batch}, headers in
 * {@link TaxiiConstants}), synchronously. The checkpoint moves after each page whose exchange
 * succeeded; a failed exchange ends the poll and its page is fetched again on the next one.
 */
public class TaxiiConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TaxiiConsumer.class);

    private final TaxiiEndpoint endpoint;
    private final CheckpointStore checkpoints;
    private final String key;
    private CollectionReader reader;

    TaxiiConsumer(TaxiiEndpoint endpoint, Processor processor, CheckpointStore checkpoints) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.checkpoints = checkpoints;
        this.key = CheckpointingComponent.checkpointKey("taxii", endpoint.getName());
    }

    @Override
    protected void doStart() throws Exception {
        TaxiiConfiguration config = endpoint.getConfiguration();
        reader = new CollectionReader(new TaxiiClient(config), config.getPageSize());
        super.doStart();
    }

    /** The saved position, or the configured start when nothing was saved yet. */
    public PollPosition position() {
        return checkpoints.load(key).map(node -> PollPosition.fromJson(node, "checkpoint " + key))
                .orElseGet(() -> PollPosition.startingAfter(endpoint.getConfiguration().getAddedAfter()));
    }

    @Override
    protected int poll() {
        PollPosition position = position();
        CollectionReader.Summary summary = reader.read(position, new CollectionReader.PageSink() {
            @Override
            public boolean accept(TaxiiPage page) {
                return deliver(page);
            }

            @Override
            public void advanced(PollPosition at) {
                checkpoints.save(key, at.toJson());
            }
        }, this::isRunAllowed);
        if (summary.objects() > 0 || summary.stoppedBecause() != null) {
            LOG.info("taxii:{} {} objects in {} pages; checkpoint at {}{}", endpoint.getName(), summary.objects(),
                    summary.pages(), position.dateAddedLast(),
                    summary.stoppedBecause() == null ? "" : " (stopped: " + summary.stoppedBecause() + ")");
        }
        return (int) Math.min(Integer.MAX_VALUE, summary.objects());
    }

    private boolean deliver(TaxiiPage page) {
        Exchange exchange = createExchange(false);
        try {
            String origin = "taxii " + page.collection() + " page " + page.number();
            exchange.getIn().setBody(new Batch(endpoint.getName(), batchOrigin(page), page.number(),
                    page.objects().size(), page.objects(), List.of()));
            exchange.getIn().setHeader(TaxiiConstants.FEED, endpoint.getName());
            exchange.getIn().setHeader(TaxiiConstants.ORIGIN, origin);
            exchange.getIn().setHeader(TaxiiConstants.COLLECTION, page.collection().url().toString());
            exchange.getIn().setHeader(TaxiiConstants.DATE_ADDED_FIRST, page.dateAddedFirst());
            exchange.getIn().setHeader(TaxiiConstants.DATE_ADDED_LAST, page.dateAddedLast());
            exchange.getIn().setHeader(TaxiiConstants.PAGE, page.number());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing " + origin + " from taxii:"
                        + endpoint.getName() + "; the page is fetched again on the next poll", exchange,
                        exchange.getException());
                return false;
            }
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Names the bundle file of a page: collection id and the page's last date_added (digits only), unique per page. */
    private static String batchOrigin(TaxiiPage page) {
        return page.collection().id() + "-" + page.dateAddedLast().replaceAll("[^0-9]", "");
    }
}

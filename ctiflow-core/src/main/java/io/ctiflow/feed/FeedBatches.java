package io.ctiflow.feed;

import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
/**
 * The Camel entry to the feed pipeline, used by routes as the splitter expression: turns the
 * exchange's body (a file or an HTTP response, streamed) into an iterator of {@link Batch}es.
 * The feed is named by the {@value PipelineHeaders#FEED} header, or by the first folder under the inbox
 * ({@code inbox/urlhaus/today.csv} is the urlhaus feed).
 */
public final class FeedBatches {

    private final Mappings mappings;
    private final int batchSize;
    private final ExecutorService readers;
    private final int readAhead;
    private volatile FeedLimits limits = FeedLimits.DEFAULT;
    private volatile Consumer<Batch> onMapped = batch -> { };

    /**
     * @param readers   threads that map batches ahead of the route (null: map on the route's thread)
     * @param readAhead how many mapped batches may wait for the route
     */
    public FeedBatches(Mappings mappings, int batchSize, ExecutorService readers, int readAhead) {
        this.mappings = mappings;
        this.batchSize = batchSize;
        this.readers = readers;
        this.readAhead = readAhead;
    }

    /** What one record may cost (default {@link FeedLimits#DEFAULT}). */
    public void setLimits(FeedLimits limits) {
        this.limits = limits;
    }

    /**
     * Work on every mapped batch that the reader thread does before the route takes the batch (with read-ahead
     * only): the runtime passes the jurisdiction filter's preparation when sharing is on.
     */
    public void setOnMapped(Consumer<Batch> onMapped) {
        this.onMapped = onMapped;
    }

    public Iterator<Batch> split(Exchange exchange) throws IOException, InvalidPayloadException {
        String feed = exchange.getIn().getHeader(PipelineHeaders.FEED, String.class);
        String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        if (feed == null && relative != null && relative.replace('\\', '/').contains("/")) {
            feed = relative.replace('\\', '/').substring(0, relative.replace('\\', '/').indexOf('/'));
        }
        if (feed == null) {
            throw new FeedFormatException("cannot tell which feed " + relative + " belongs to: put it in inbox/<feed>/ or set the "
                    + PipelineHeaders.FEED + " header");
        }
        String origin = exchange.getIn().getHeader(PipelineHeaders.ORIGIN, String.class);
        if (origin == null) {
            origin = relative != null ? relative : exchange.getExchangeId();
        }
        FeedMapping mapping = mappings.feed(feed);
        checkFileFormat(relative, mapping);
        InputStream body = exchange.getIn().getMandatoryBody(InputStream.class);
        FeedConverter converter = new FeedConverter(body, origin, mapping, mappings.toStix(), batchSize,
                exchange.getIn().getHeader(PipelineHeaders.RECORDS, String.class), limits);
        Iterator<Batch> batches = readers == null || readAhead < 1 ? converter : new ReadAheadBatches(converter, readers, readAhead, onMapped);
        // progress lines for long inputs, when the runtime keeps them (io.ctiflow.ops)
        InputProgress progress = exchange.getContext().getRegistry()
                .lookupByNameAndType("inputProgress", InputProgress.class);
        return progress == null ? batches : progress.track(feed, origin, batches);
    }

    /**
     * A .json file in a CSV feed's folder (or a .csv in a JSON feed's) fails as a whole with a
     * clear reason, instead of every line being rejected as a malformed record.
     */
    private static void checkFileFormat(String file, FeedMapping mapping) {
        if (file == null) {
            return;
        }
        String name = file.toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json");
        boolean csv = name.endsWith(".csv") || name.endsWith(".txt");
        if (json && !"json".equals(mapping.format()) || csv && "json".equals(mapping.format())) {
            throw new FeedFormatException(file + ": a " + (json ? "JSON" : "CSV") + " file, but the mapping of feed '" + mapping.name()
                    + "' (" + mapping.file() + ") reads " + mapping.format());
        }
    }
}

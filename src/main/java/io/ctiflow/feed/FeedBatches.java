package io.ctiflow.feed;

import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.InputStream;

/**
 * The Camel entry to the feed pipeline, used by routes as the splitter expression: turns the
 * exchange's body (a file or an HTTP response, streamed) into an iterator of {@link Batch}es.
 * The feed is named by the {@value #FEED} header, or by the first folder under the inbox
 * ({@code inbox/urlhaus/today.csv} is the urlhaus feed).
 */
public final class FeedBatches {

    public static final String FEED = "CtiflowFeed";
    public static final String ORIGIN = "CtiflowOrigin";

    private final Mappings mappings;
    private final int batchSize;

    public FeedBatches(Mappings mappings, int batchSize) {
        this.mappings = mappings;
        this.batchSize = batchSize;
    }

    public FeedConverter split(Exchange exchange) throws IOException, org.apache.camel.InvalidPayloadException {
        String feed = exchange.getIn().getHeader(FEED, String.class);
        String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        if (feed == null && relative != null && relative.replace('\\', '/').contains("/")) {
            feed = relative.replace('\\', '/').substring(0, relative.replace('\\', '/').indexOf('/'));
        }
        if (feed == null) {
            throw new FeedFormatException("cannot tell which feed " + relative + " belongs to: put it in inbox/<feed>/ or set the "
                    + FEED + " header");
        }
        String origin = exchange.getIn().getHeader(ORIGIN, String.class);
        if (origin == null) {
            origin = relative != null ? relative : exchange.getExchangeId();
        }
        InputStream body = exchange.getIn().getMandatoryBody(InputStream.class);
        return new FeedConverter(body, origin, mappings.feed(feed), mappings.toStix(), batchSize);
    }
}

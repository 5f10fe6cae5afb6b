package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.support.ScheduledPollConsumer;

import java.util.Map;

/** Sends one MISP event through the route, synchronously, and tells whether it completed without exception. */
final class EventDelivery {

    private final ScheduledPollConsumer consumer;
    private final String scheme;
    private final String feed;
    private final String url;
    private final boolean observedData;
    private final boolean binaries;

    EventDelivery(ScheduledPollConsumer consumer, String scheme, String feed, MispConnectionConfiguration config) {
        this.consumer = consumer;
        this.scheme = scheme;
        this.feed = feed;
        this.url = config.baseUrl();
        this.observedData = config.isObservedData();
        this.binaries = config.isBinaries();
    }

    /**
     * @return true when the exchange completed without exception; a failure goes to the consumer's
     *         exception handler (as with any Camel consumer) and false is returned
     */
    boolean deliver(ObjectNode event, String uuid, long timestamp, Map<String, Object> extraHeaders) {
        Exchange exchange = consumer.createExchange(false);
        try {
            exchange.getIn().setBody(event);
            exchange.getIn().setHeader(MispConstants.EVENT_UUID, uuid);
            exchange.getIn().setHeader(MispConstants.EVENT_TIMESTAMP, timestamp);
            exchange.getIn().setHeader(MispConstants.FEED, feed);
            exchange.getIn().setHeader(MispConstants.ORIGIN, scheme + " " + url + " event " + uuid);
            exchange.getIn().setHeader(MispConstants.OBSERVED_DATA, observedData);
            exchange.getIn().setHeader(MispConstants.BINARIES, binaries);
            extraHeaders.forEach(exchange.getIn()::setHeader);
            try {
                consumer.getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Exception failure = exchange.getException();
            if (failure != null) {
                consumer.getExceptionHandler().handleException(
                        "Error processing MISP event " + uuid + " from " + scheme + ":" + feed, exchange, failure);
                return false;
            }
            return true;
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }
}

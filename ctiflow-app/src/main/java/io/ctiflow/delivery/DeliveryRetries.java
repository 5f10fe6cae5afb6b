package io.ctiflow.delivery;

import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.Stages;
import io.ctiflow.sink.WebhookException;
import io.ctiflow.taxii.client.TaxiiAuthenticationException;
import io.ctiflow.taxii.client.TaxiiException;
import io.ctiflow.taxii.client.TaxiiRequestException;
import org.apache.camel.Exchange;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
/**
 * Decides whether a failed delivery is retried (the ctiflow-deliveries retryWhile). A delivery is
 * retried up to {@code ctiflow.delivery.retries} times with exponential back-off, so an outage of
 * a few minutes is ridden out with the input waiting. Once an endpoint ran out of retries it is
 * taken as down: its next deliveries get one attempt each (dead-lettered at once when it fails)
 * until one succeeds, so a partner that stays down costs every later batch one failed attempt,
 * not the whole back-off, and the other destinations keep flowing.
 */
public final class DeliveryRetries {

    private final int maxRetries;
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    public DeliveryRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public boolean retry(Exchange exchange) {
        // Camel numbers the redelivery it is about to make (1 before the first retry) when it asks: retries = N makes N
        int redelivery = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        boolean retry = redelivery <= maxRetries && !down.contains(LedgeredDelivery.endpoint(exchange))
                && !isPermanent(exchange.getException() != null ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (retry) {
            Stages.deliveryRetried(exchange.getIn().getHeader(PipelineHeaders.DESTINATION, String.class));
        }
        return retry;
    }

    /**
     * A refusal that the same request cannot overcome, dead-lettered at once: bad credentials, HTTP
     * 4xx but 429, and the TAXII client's plain TaxiiException (no such collection, not a TAXII
     * server, invalid answers); its subclasses for outages and partly failed publishes are retried.
     */
    static boolean isPermanent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TaxiiRequestException || t instanceof TaxiiAuthenticationException
                    || t.getClass() == TaxiiException.class) {
                return true;
            }
            if (t instanceof WebhookException w && w.status() >= 400 && w.status() < 500 && w.status() != 429) {
                return true;
            }
        }
        return false;
    }

    /** The delivery failed after its retries: the endpoint is down until a delivery to it succeeds. */
    public void exhausted(Exchange exchange) {
        down.add(LedgeredDelivery.endpoint(exchange));
    }

    public void delivered(Exchange exchange) {
        down.remove(LedgeredDelivery.endpoint(exchange));
    }

    public boolean isDown(String endpoint) {
        return down.contains(endpoint);
    }
}

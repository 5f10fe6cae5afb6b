package io.ctiflow.delivery;

import io.ctiflow.feed.Batch;
import io.ctiflow.state.PublishLedger;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;

import java.util.List;

/**
 * The publish ledger as route steps around a delivery: {@link #skipPublished} leaves in the batch
 * only the objects the destination's endpoint has not received yet (one ledger look-up per batch),
 * {@link #markPublished} records them after the endpoint accepted them, {@link #restoreBatch} puts
 * the whole batch back where the route goes on to other endpoints with the same message.
 */
public final class LedgeredDelivery {

    /** Where the whole batch waits while its unpublished part is delivered. */
    static final String WHOLE_BATCH = "CtiflowWholeBatch";
    /** How many objects of the batch the endpoint already had (skipped). */
    public static final String ALREADY_PUBLISHED = "CtiflowAlreadyPublished";

    private final PublishLedger ledger;

    public LedgeredDelivery(PublishLedger ledger) {
        this.ledger = ledger;
    }

    public void skipPublished(Exchange exchange) {
        Batch batch = exchange.getIn().getBody(Batch.class);
        exchange.setProperty(WHOLE_BATCH, batch);
        List<StixObject> fresh = ledger.unpublished(destination(exchange), endpoint(exchange), batch.objects());
        exchange.getIn().setHeader(ALREADY_PUBLISHED, batch.objects().size() - fresh.size());
        if (fresh.size() != batch.objects().size()) {
            exchange.getIn().setBody(new Batch(batch.source(), batch.origin(), batch.sequence(), batch.recordsRead(), fresh, batch.rejects()));
        }
    }

    public void markPublished(Exchange exchange) {
        ledger.markPublished(destination(exchange), endpoint(exchange), exchange.getIn().getBody(Batch.class).objects());
    }

    public void restoreBatch(Exchange exchange) {
        Batch whole = exchange.getProperty(WHOLE_BATCH, Batch.class);
        if (whole != null) {
            exchange.getIn().setBody(whole);
            exchange.removeProperty(WHOLE_BATCH);
        }
    }

    private static String destination(Exchange exchange) {
        return exchange.getIn().getHeader("CtiflowDestination", String.class);
    }

    /**
     * The endpoint as failed-deliveries.jsonl names it (scheme and name, never the options: they
     * may hold secrets), or {@code embedded-taxii:<collection>} for the embedded server.
     */
    static String endpoint(Exchange exchange) {
        String uri = exchange.getIn().getHeader("CtiflowEndpointUri", String.class);
        if (uri == null) {
            return "embedded-taxii:" + exchange.getIn().getHeader("CtiflowEmbeddedTaxiiCollection", String.class);
        }
        return uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?'));
    }
}

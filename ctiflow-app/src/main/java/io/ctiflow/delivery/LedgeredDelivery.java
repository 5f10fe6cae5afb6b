package io.ctiflow.delivery;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.state.PublishLedger;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;

import java.util.List;

/**
 * The publish ledger as route steps around a delivery: {@link #skipPublished} leaves in the batch
 * only the objects the destination's endpoint has not received yet (one ledger look-up per batch),
 * and {@link #markPublished} records them after the endpoint accepted them. Each delivery is its own
 * exchange (a split of the destination's endpoints), so trimming its batch leaves the others whole.
 */
public final class LedgeredDelivery {

    /** How many objects of the batch the endpoint already had (skipped). */
    public static final String ALREADY_PUBLISHED = "CtiflowAlreadyPublished";

    private final PublishLedger ledger;

    public LedgeredDelivery(PublishLedger ledger) {
        this.ledger = ledger;
    }

    public void skipPublished(Exchange exchange) {
        Batch batch = exchange.getIn().getBody(Batch.class);
        List<StixObject> fresh = ledger.unpublished(destination(exchange), endpoint(exchange), batch.objects());
        exchange.getIn().setHeader(ALREADY_PUBLISHED, batch.objects().size() - fresh.size());
        if (fresh.size() != batch.objects().size()) {
            exchange.getIn().setBody(new Batch(batch.source(), batch.origin(), batch.sequence(), batch.recordsRead(), fresh, batch.rejects()));
        }
    }

    public void markPublished(Exchange exchange) {
        ledger.markPublished(destination(exchange), endpoint(exchange), exchange.getIn().getBody(Batch.class).objects());
    }

    private static String destination(Exchange exchange) {
        return exchange.getIn().getHeader("CtiflowDestination", String.class);
    }

    /** The endpoint as failed-deliveries.jsonl names it: scheme and name, never the options (they may hold secrets). */
    static String endpoint(Exchange exchange) {
        String uri = exchange.getIn().getHeader("CtiflowEndpointUri", String.class);
        return uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?'));
    }
}

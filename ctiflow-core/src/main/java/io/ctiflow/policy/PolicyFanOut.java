package io.ctiflow.policy;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.Stages;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
/**
 * The fan-out step of the pipeline: filters one batch for every destination (parsed once) and
 * returns one message per destination that receives anything, with the filtered batch as body and
 * the destination in the {@value #DESTINATION} header, for a split step to send on.
 */
public final class PolicyFanOut {

    /** The collection (title) of the destination's embedded-taxii endpoint, when it has one. */
    public static final String EMBEDDED_TAXII_COLLECTION = "CtiflowEmbeddedTaxiiCollection";

    private final JurisdictionFilter filter;
    private final AuditLog audit;
    private final Collection<Destination> destinations;
    /**
     * Batches filtered ahead on the feed reader's thread, until the route takes them. Keyed by the batch itself
     * (identity): an entry whose batch never reaches the fan-out (an input that failed) goes with the batch.
     */
    private final Map<Batch, Map<String, FilterResult>> filteredAhead = Collections.synchronizedMap(new WeakHashMap<>());

    public PolicyFanOut(JurisdictionFilter filter, AuditLog audit) {
        this.filter = filter;
        this.audit = audit;
        this.destinations = filter.policy().destinations();
    }

    /**
     * Filters the batch for every destination (parse, validate, rules, audit records) while it waits for the route,
     * on the thread that mapped it: on two cores the filter then overlaps the route's store and file writes of the
     * batch before it. Only the small filtered results wait, not the parsed trees, so little lives long enough to
     * cost the garbage collector. Nothing leaves from here: the route hands the results on, in order. Whatever goes
     * wrong here is left for the fan-out to meet again, in the route, where errors are handled.
     */
    public void filterAhead(Batch batch) {
        try {
            filteredAhead.put(batch, filter.fanOut(filter.prepare(batch.objects(), context(batch)), destinations));
        } catch (RuntimeException e) {
            // filtered again by the fan-out, which reports it
        }
    }

    public List<Message> fanOut(Exchange exchange) {
        Batch batch = exchange.getIn().getBody(Batch.class);
        long started = System.nanoTime();
        Map<String, FilterResult> results = filteredAhead.remove(batch);
        if (results == null) {
            results = filter.fanOut(filter.prepare(batch.objects(), context(batch)), destinations);
        }
        Stages.FILTER.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (audit != null) {
            audit.flush();
        }
        List<Message> messages = new ArrayList<>(results.size());
        for (FilterResult r : results.values()) {
            if (r.isEmpty()) {
                continue;
            }
            Message m = new DefaultMessage(exchange.getContext());
            m.setHeader(PipelineHeaders.DESTINATION, r.destination().id());
            r.destination().endpoints().stream().filter(e -> e.kind().equals("embedded-taxii")).findFirst()
                    .ifPresent(e -> m.setHeader(EMBEDDED_TAXII_COLLECTION, e.collection() != null ? e.collection() : r.destination().id()));
            m.setBody(withObjects(batch, r.objects()));
            messages.add(m);
        }
        return messages;
    }

    private static InputContext context(Batch batch) {
        return new InputContext(batch.source(), null, batch.origin(), batch.bundleName());
    }

    /** The batch with another set of objects and no rejects (the rejects went to the dead letter already). */
    static Batch withObjects(Batch batch, List<StixObject> objects) {
        return new Batch(batch.source(), batch.origin(), batch.sequence(), batch.recordsRead(), objects, List.of());
    }
}

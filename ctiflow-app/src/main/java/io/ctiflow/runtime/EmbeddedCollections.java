package io.ctiflow.runtime;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.Stages;
import io.ctiflow.policy.PolicyFanOut;
import io.ctiflow.stix.StixObject;
import io.ctiflow.taxii.store.NewObject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
/**
 * The pipeline's step (bean {@code embeddedCollections}) that publishes one batch's whole fan-out to the embedded
 * TAXII server's collections: every destination's share in one store transaction, in this process. The server's
 * HTTP endpoint is for partners; its own collections need no loopback POST per destination, and a body shared by
 * five destinations is handed over once. Acknowledged as durably as a POST (the same store, the same commit).
 * Without the embedded server (not enabled) the step does nothing.
 */
public final class EmbeddedCollections {

    /** The exchange property holding the fan-out (one message per destination) that {@link #publish} hands on. */
    public static final String FAN_OUT = "CtiflowFanOut";

    /** Writes the shares of the destinations that have an embedded-taxii endpoint; returns the fan-out unchanged. */
    public List<Message> publish(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Message> fanOut = exchange.getProperty(FAN_OUT, List.class);
        EmbeddedTaxii taxii = exchange.getContext().getRegistry().lookupByNameAndType("embeddedTaxii", EmbeddedTaxii.class);
        if (taxii == null || fanOut == null) {
            return fanOut;
        }
        long started = System.nanoTime();
        Map<String, List<NewObject>> byCollection = new LinkedHashMap<>();
        Map<String, NewObject> converted = new HashMap<>(); // an object shared unchanged with several destinations is converted once
        for (Message m : fanOut) {
            if (m.getHeader(PolicyFanOut.EMBEDDED_TAXII_COLLECTION) == null) {
                continue;
            }
            List<StixObject> objects = m.getBody(Batch.class).objects();
            List<NewObject> share = new ArrayList<>(objects.size());
            for (StixObject o : objects) {
                NewObject n = converted.get(o.id());
                if (n == null || n.json() != o.json()) {
                    n = NewObject.of(o);
                    converted.put(o.id(), n);
                }
                share.add(n);
            }
            byCollection.put(taxii.collectionIdOf(m.getHeader(PipelineHeaders.DESTINATION, String.class)), share);
        }
        if (!byCollection.isEmpty()) {
            try {
                taxii.store().addAll(byCollection);
            } catch (RuntimeException e) {
                Stages.taxiiStored(-1);
                throw e;
            }
            Stages.taxiiStored(byCollection.values().stream().mapToInt(List::size).sum());
        }
        Stages.PUBLISH.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return fanOut;
    }
}

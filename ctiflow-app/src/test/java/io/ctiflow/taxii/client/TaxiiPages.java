package io.ctiflow.taxii.client;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.StixObject;
import org.apache.camel.component.mock.MockEndpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a mock after a taxii: consumer received: one {@link Batch} per page. */
final class TaxiiPages {

    private TaxiiPages() {
    }

    static List<Batch> batches(MockEndpoint mock) {
        return mock.getExchanges().stream().map(e -> e.getIn().getBody(Batch.class)).toList();
    }

    /** Every object id received, in order, duplicates included. */
    static List<String> ids(MockEndpoint mock) {
        List<String> ids = new ArrayList<>();
        batches(mock).forEach(b -> b.objects().forEach(o -> ids.add(o.id())));
        return ids;
    }

    /** How often each (id, modified) was received. */
    static Map<String, Integer> deliveries(MockEndpoint mock) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Batch b : batches(mock)) {
            for (StixObject o : b.objects()) {
                counts.merge(PollPosition.key(o), 1, Integer::sum);
            }
        }
        return counts;
    }
}

package io.ctiflow.policy;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out step shares a batch prepared ahead, on the feed reader's thread, exactly as one it prepares itself. */
class PolicyFanOutTest {

    @Test
    void aBatchFilteredAheadLeavesForEveryDestinationAsOneFilteredInTheRoute() throws Exception {
        // a MISP event with galaxies and the shadowserver sample: withheld, redacted and generalised objects, renamed references
        List<StixObject> objects = new ArrayList<>(PolicyTestSupport.misp("circl-osint-sednit-2017-objects-galaxies.json"));
        objects.addAll(PolicyTestSupport.csv("shadowserver-sinkhole-http", "shadowserver-event4-sinkhole-http.csv"));
        Batch batch = new Batch("shadowserver-sinkhole-http", "inbox/shadowserver-sinkhole-http/event4.csv", 1, 5, objects, List.of());

        List<Decision> inRoute = new ArrayList<>();
        List<Message> filteredInRoute = new PolicyFanOut(new JurisdictionFilter(PolicyTestSupport.shippedPolicy(), inRoute::add), null)
                .fanOut(exchange(batch));
        List<Decision> ahead = new ArrayList<>();
        PolicyFanOut fanOut = new PolicyFanOut(new JurisdictionFilter(PolicyTestSupport.shippedPolicy(), ahead::add), null);
        fanOut.filterAhead(batch);
        assertThat(ahead).as("decided ahead, once").isEqualTo(inRoute);
        List<Message> filteredAhead = fanOut.fanOut(exchange(batch));

        assertThat(filteredAhead).hasSameSizeAs(filteredInRoute).hasSizeGreaterThan(1);
        for (int i = 0; i < filteredInRoute.size(); i++) {
            assertThat(filteredAhead.get(i).getHeader(PipelineHeaders.DESTINATION)).isEqualTo(filteredInRoute.get(i).getHeader(PipelineHeaders.DESTINATION));
            assertThat(serialised(filteredAhead.get(i))).isEqualTo(serialised(filteredInRoute.get(i)));
        }
        assertThat(ahead).as("the route's fan-out decides nothing again").isEqualTo(inRoute);
        assertThat(inRoute).extracting(Decision::outcome).contains(Outcome.SHARED, Outcome.REDACTED, Outcome.WITHHELD);
    }

    private static Exchange exchange(Batch batch) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(batch);
        return exchange;
    }

    private static String serialised(Message m) {
        return PolicyTestSupport.serialised(m.getBody(Batch.class).objects());
    }
}

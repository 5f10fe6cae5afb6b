package io.ctiflow.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.audit.AuditOverview;
import io.ctiflow.policy.Destination;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The overview's charts as JSON for uPlot: bucket times, and per destination a series per outcome. */
final class OverviewData extends Page {


    OverviewData(ConsoleSources sources) {
        super("/overview.json", "/", sources, null);
    }

    @Override
    void handle(WebRequest request) throws IOException {
        AuditOverview overview = AuditOverview.read(sources.audit());
        ObjectNode json = Stix.mapper().createObjectNode();
        json.put("bucketSeconds", overview.bucketSeconds());
        var times = json.putArray("times");
        for (long t : overview.times()) {
            times.add(t);
        }
        var destinations = json.putArray("destinations");
        for (Destination d : sources.policy().destinations()) {
            ObjectNode node = destinations.addObject().put("id", d.id());
            for (String outcome : AuditOverview.OUTCOMES) {
                var series = node.putArray(outcome);
                for (long v : overview.series(d.id(), outcome)) {
                    series.add(v);
                }
            }
        }
        request.send(200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }
}

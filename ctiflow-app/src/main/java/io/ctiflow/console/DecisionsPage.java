package io.ctiflow.console;

import io.ctiflow.audit.AuditQuery;
import io.ctiflow.audit.AuditRecords;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Explanation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions of the audit trail matching the filters of {@code ctiflow audit search}, oldest first, each with
 * its explanation in the words of {@code ctiflow explain}. At most {@link #LIMIT} are shown; the count is of all.
 */
final class DecisionsPage extends Page {

    static final int LIMIT = 200;
    private static final List<String> FILTERS = List.of("destination", "object", "source", "rule", "outcome", "since", "until");


    DecisionsPage(ConsoleSources sources, Templates templates) {
        super("/decisions", "/decisions", sources, templates);
    }

    @Override
    void handle(WebRequest request) throws IOException {
        String outcome = request.param("outcome");
        if (outcome != null && !Set.of("shared", "redacted", "withheld").contains(outcome)) {
            throw new IllegalArgumentException("outcome must be shared, redacted or withheld");
        }
        AuditQuery query = new AuditQuery(request.param("destination"), request.param("object"), request.param("source"),
                request.param("rule"), outcome, AuditRecords.parseTime(request.param("since")), AuditRecords.parseTime(request.param("until")));
        List<Map<String, Object>> rows = new ArrayList<>();
        long[] matched = new long[1];
        // lines that are no record are reported by the overview and ctiflow audit verify
        AuditRecords.forEach(sources.audit(), query.since(), r -> {
            if (query.matches(r) && matched[0]++ < LIMIT) {
                rows.add(Map.of("time", r.path("time").asText(), "destination", r.path("destination").asText(),
                        "source", r.path("source").asText(""), "explanation", Explanation.line(r.path("outcome").asText(),
                                r.path("object").asText(), r.path("rule").asText(), r.path("reason").asText())));
            }
        });
        Map<String, Object> values = new HashMap<>();
        FILTERS.forEach(f -> values.put(f, request.param(f) == null ? "" : request.param(f)));
        List<Map<String, Object>> destinations = new ArrayList<>();
        for (Destination d : sources.policy().destinations()) {
            destinations.add(Map.of("id", d.id(), "selected", d.id().equals(request.param("destination"))));
        }
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (String o : List.of("shared", "redacted", "withheld")) {
            outcomes.add(Map.of("value", o, "selected", o.equals(outcome)));
        }
        values.putAll(Map.of("title", "Decisions", "destinations", destinations, "outcomes", outcomes, "rows", rows,
                "matched", matched[0], "cut", matched[0] > LIMIT, "limit", LIMIT, "searched", FILTERS.stream().anyMatch(f -> request.param(f) != null)));
        request.html(200, templates.render("decisions", request, values));
    }
}

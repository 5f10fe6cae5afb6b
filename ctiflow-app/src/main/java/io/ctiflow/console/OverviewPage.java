package io.ctiflow.console;

import io.ctiflow.audit.AuditOverview;
import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.policy.Destination;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
/**
 * Per source its health and last success; per destination shared, redacted and withheld (from the audit trail,
 * as {@code ctiflow audit search} counts them) and withheld by rule, as tables; the charts over time draw the
 * same counts from {@link OverviewData}.
 */
final class OverviewPage extends Page {

    OverviewPage(ConsoleSources sources, Templates templates) {
        super("/", "/", sources, templates);
    }

    @Override
    void handle(WebRequest request) throws IOException {
        AuditOverview overview = AuditOverview.read(sources.audit());
        List<Map<String, Object>> health = new ArrayList<>();
        if (sources.health() != null) {
            int down = sources.health().failuresToDown();
            for (SourceHealth.State s : new TreeMap<>(sources.health().all()).values()) {
                health.add(Map.of("source", s.source(), "up", s.up(down), "lastSuccess", text(s.lastSuccess()),
                        "lastFailure", text(s.lastFailure()), "reason", s.lastFailureReason() == null ? "" : s.lastFailureReason(),
                        "successes", s.successes(), "failures", s.failures()));
            }
        }
        List<Map<String, Object>> destinations = new ArrayList<>();
        List<Map<String, Object>> byRule = new ArrayList<>();
        for (Destination d : sources.policy().destinations()) {
            destinations.add(Map.of("id", d.id(), "jurisdiction", d.jurisdiction(), "shared", overview.count(d.id(), "shared"),
                    "redacted", overview.count(d.id(), "redacted"), "withheld", overview.count(d.id(), "withheld")));
            overview.withheldByRule().getOrDefault(d.id(), Map.of())
                    .forEach((rule, n) -> byRule.add(Map.of("destination", d.id(), "rule", rule, "withheld", n)));
        }
        request.html(200, templates.render("overview", request, Map.of("title", "Overview", "sources", health, "noSources", health.isEmpty(),
                "destinations", destinations, "byRule", byRule, "malformed", overview.malformed(), "anyMalformed", overview.malformed() > 0)));
    }

    private static String text(Instant time) {
        return time == null ? "never" : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

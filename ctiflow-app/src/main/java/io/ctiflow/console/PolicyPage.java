package io.ctiflow.console;

import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Endpoint;
import io.ctiflow.policy.Jurisdiction;
import io.ctiflow.policy.SourcePolicy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
/**
 * The running policy as tables: destinations with what each may receive, per destination the personal-data
 * rules, the sources' rules and the jurisdictions' transfer rules; with a candidate policy configured, what
 * changing to it would change ({@link PolicyDiffView}). Endpoints show their kind only: their URLs and
 * the names of their secrets are the operators' business.
 */
final class PolicyPage extends Page {


    PolicyPage(ConsoleSources sources, Templates templates) {
        super("/policy", "/policy", sources, templates);
    }

    @Override
    void handle(WebRequest request) throws IOException {
        var policy = sources.policy();
        List<Map<String, Object>> destinations = new ArrayList<>();
        List<Map<String, Object>> personal = new ArrayList<>();
        for (Destination d : policy.destinations()) {
            destinations.add(Map.of("id", d.id(), "name", d.name(), "jurisdiction", d.jurisdiction(), "trust", d.trustName(),
                    "maxTlp", d.maxTlp().label(), "content", d.acceptsAllContent() ? "all" : String.join(", ", new TreeSet<>(d.content())),
                    "attribution", d.attribution() == null ? "policy default" : d.attribution() ? "yes" : "no",
                    "provenance", String.valueOf(d.provenance()).toLowerCase(Locale.ROOT),
                    "endpoints", d.endpoints().stream().map(Endpoint::kind).collect(Collectors.joining(", "))));
            new TreeMap<>(d.personalData()).forEach((category, action) -> personal.add(Map.of("destination", d.id(), "category", category,
                    "action", String.valueOf(action).toLowerCase(Locale.ROOT))));
            personal.add(Map.of("destination", d.id(), "category", "(any other)",
                    "action", String.valueOf(d.personalDataDefault()).toLowerCase(Locale.ROOT)));
        }
        List<Map<String, Object>> sourceRows = new ArrayList<>();
        for (SourcePolicy s : policy.sources()) {
            sourceRows.add(Map.of("id", s.id(), "name", s.name() == null ? "" : s.name(), "tlp", s.defaultTlp() == null ? "" : s.defaultTlp().label(),
                    "origin", s.origin() == null ? "" : s.origin(), "minTrust", policy.trustName(s.minTrust())));
        }
        List<Map<String, Object>> jurisdictions = new ArrayList<>();
        for (Jurisdiction j : policy.jurisdictions()) {
            jurisdictions.add(Map.of("code", j.code(), "name", j.name(), "regulations", String.join(", ", j.regulations()),
                    "transfersTo", j.transfersTo() == null ? "anywhere (no restriction)" : String.join(", ", new TreeSet<>(j.transfersTo())),
                    "otherwise", String.valueOf(j.otherwiseAction()).toLowerCase(Locale.ROOT)));
        }
        Map<String, Object> values = new HashMap<>(Map.of("title", "Policy", "location", policy.location(),
                "destinations", destinations, "personal", personal, "sources", sourceRows, "jurisdictions", jurisdictions));
        if (sources.candidate() != null) {
            values.put("diff", PolicyDiffView.of(policy, sources.candidate()));
        }
        request.html(200, templates.render("policy", request, values));
    }
}

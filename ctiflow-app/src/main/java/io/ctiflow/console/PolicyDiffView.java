package io.ctiflow.console;

import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyDiff;
import io.ctiflow.policy.PolicyDiffReplay;
import io.ctiflow.policy.PolicyException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The policy page's diff: the running policy against the candidate on the outbox's newest bundles, as rows for the template. */
final class PolicyDiffView {

    private PolicyDiffView() {
    }

    static Map<String, Object> of(Policy running, PolicyCandidate candidate) throws IOException {
        Map<String, Object> view = new HashMap<>(Map.of("candidate", candidate.dir().toString()));
        Policy proposed;
        List<Path> bundles;
        try {
            proposed = candidate.loader().apply(candidate.dir());
            bundles = PolicyDiffReplay.recentBundles(candidate.outbox(), candidate.bundles());
        } catch (PolicyException | IllegalArgumentException e) {
            // a broken candidate or an empty outbox: the message names file and key, or the folder
            view.put("problem", e.getMessage());
            return view;
        }
        PolicyDiff diff = PolicyDiffReplay.replay(new PolicyDiff(running, proposed, 3), bundles, null, null);
        List<Map<String, Object>> rows = new ArrayList<>();
        diff.changes().forEach((destination, changes) -> changes.forEach((change, byRule) -> byRule.forEach((rule, group) -> {
            List<Map<String, Object>> examples = new ArrayList<>();
            for (PolicyDiff.Example e : group.examples()) {
                examples.add(Map.of("object", e.objectId(), "before", PolicyDiffReplay.fate(e.before(), e.beforeRule(), e.beforeReason()),
                        "after", PolicyDiffReplay.fate(e.after(), e.afterRule(), e.afterReason())));
            }
            rows.add(Map.of("destination", destination, "change", change.words(), "rule", rule, "count", group.count(), "examples", examples));
        })));
        view.putAll(Map.of("bundles", bundles.size(), "decisions", diff.decisions(), "changes", rows, "unchanged", rows.isEmpty(),
                "sharesMore", diff.sharesMore()));
        return view;
    }
}

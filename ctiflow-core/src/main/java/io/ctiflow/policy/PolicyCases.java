package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
/**
 * Worked examples of a policy, written by whoever writes the policy: {@code policies/cases/*.yaml},
 * each case a destination, a few STIX objects and what must happen to them. {@code ctiflow policy
 * test} and the test suite run them, so a policy change that shares what it should not is caught
 * before it runs.
 *
 * <pre>
 * cases:
 *   - name: TLP:RED never leaves
 *     destination: cert-eu
 *     source: misp                     # optional: source of objects without provenance
 *     origin: DE                       # optional: origin of objects without one
 *     objects: [ {type: indicator, id: ..., pattern: ..., object_marking_refs: [...]} ]
 *     expect:
 *       shared: [ids]                  # present in the output (redacted or not)
 *       withheld: {id: rule}           # withheld by that rule
 *       redacted: {id: rule}           # changed by that rule
 *       absent: [strings]              # appear nowhere in the destination's output
 * </pre>
 * Objects need only what matters: spec_version, created and modified are filled in when missing.
 */
public final class PolicyCases {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String TIME = "2024-01-01T00:00:00.000Z";

    /** One case's outcome; {@code problems} is empty when it passed. */
    public record Result(String file, String name, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private PolicyCases() {
    }

    public static List<Result> run(Policy policy, Path casesDir) throws IOException {
        List<Result> results = new ArrayList<>();
        if (!Files.isDirectory(casesDir)) {
            return results;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(casesDir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode doc = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
            int i = 0;
            for (JsonNode c : doc.path("cases")) {
                String name = c.path("name").asText("case " + i);
                List<String> problems;
                try {
                    problems = check(policy, c);
                } catch (RuntimeException e) {
                    problems = List.of("cannot run: " + e.getMessage());
                }
                results.add(new Result(file.getFileName().toString(), name, problems));
                i++;
            }
        }
        return results;
    }

    private static List<String> check(Policy policy, JsonNode c) {
        List<StixObject> objects = new ArrayList<>();
        for (JsonNode o : c.path("objects")) {
            ObjectNode object = ((ObjectNode) o).deepCopy();
            object.putIfAbsent("spec_version", object.textNode("2.1"));
            if (!StixIds.isObservableType(object.path("type").asText()) && !object.path("type").asText().equals("marking-definition")) {
                object.putIfAbsent("created", object.textNode(TIME));
                object.putIfAbsent("modified", object.textNode(TIME));
            }
            objects.add(StixObject.of(object));
        }
        InputContext context = new InputContext(c.path("source").asText(null), c.path("origin").asText(null));
        FilterResult r = new JurisdictionFilter(policy, DecisionListener.NONE).filter(objects, context, c.path("destination").asText());
        Map<String, Decision> decisions = new HashMap<>();
        r.decisions().forEach(d -> decisions.put(d.objectId(), d));
        List<String> output = r.objects().stream().map(o -> new String(o.json(), StandardCharsets.UTF_8)).toList();
        List<String> problems = new ArrayList<>();
        JsonNode expect = c.path("expect");
        for (JsonNode id : expect.path("shared")) {
            Decision d = decisions.get(id.asText());
            if (d == null || d.outcome() == Outcome.WITHHELD) {
                problems.add(id.asText() + " should be shared but was " + (d == null ? "not decided" : "withheld [" + d.rule() + "] " + d.reason()));
            }
        }
        outcomes(expect.path("withheld"), Outcome.WITHHELD, decisions, problems);
        outcomes(expect.path("redacted"), Outcome.REDACTED, decisions, problems);
        for (JsonNode text : expect.path("absent")) {
            if (output.stream().anyMatch(json -> json.contains(text.asText()))) {
                problems.add("'" + text.asText() + "' appears in what " + c.path("destination").asText() + " receives");
            }
        }
        return problems;
    }

    private static void outcomes(JsonNode expected, Outcome outcome, Map<String, Decision> decisions, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Decision d = decisions.get(e.getKey());
            String rule = e.getValue().asText();
            if (d == null || d.outcome() != outcome || !(d.rule().equals(rule) || d.rule().contains(rule))) {
                problems.add(e.getKey() + " should be " + outcome.word() + " by " + rule + " but was "
                        + (d == null ? "not decided" : d.outcome().word() + " [" + d.rule() + "] " + d.reason()));
            }
        }
    }
}

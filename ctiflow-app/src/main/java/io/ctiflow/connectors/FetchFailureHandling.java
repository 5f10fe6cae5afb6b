package io.ctiflow.connectors;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CONTRIBUTING-CONNECTORS.md section 2: a source's fetch that fails must neither stop the
 * connector nor vanish. Every {@link #FETCHER} bean of a template is called inside a
 * {@code doTry} whose {@code doCatch} sends the failure to the {@value #FAILURE_PROPERTY}
 * property's endpoint (ctiflow's dead letters by default), so the next period polls again.
 */
final class FetchFailureHandling {

    static final String FETCHER = "io.ctiflow.connectors.http.HttpFeedFetcher";
    static final String FAILURE_PROPERTY = "failureUri";
    static final String DEFAULT_FAILURE_URI = "bean:deadLetters?method=failedInput";

    private FetchFailureHandling() {
    }

    /** Problems with the Kamelet's failure handling; empty when it keeps the rule or fetches with nothing of ours. */
    static List<String> check(String file, JsonNode kamelet) {
        JsonNode template = kamelet.path("spec").path("template");
        List<String> problems = new ArrayList<>();
        boolean fetches = false;
        for (JsonNode bean : template.path("beans")) {
            if (!bean.path("type").asText("").endsWith(FETCHER)) {
                continue;
            }
            fetches = true;
            String ref = "{{" + bean.path("name").asText() + "}}";
            if (!guarded(template.path("from"), ref, false)) {
                problems.add(file + ": spec.template: the fetch (bean " + ref + ") must be inside a doTry whose doCatch sends the failure"
                        + " to {{" + FAILURE_PROPERTY + "}}, or a failed fetch stops the connector unrecorded (CONTRIBUTING-CONNECTORS.md section 2)");
            }
        }
        if (!fetches) {
            return problems;
        }
        JsonNode property = kamelet.path("spec").path("definition").path("properties").path(FAILURE_PROPERTY);
        if (!property.isMissingNode() && !DEFAULT_FAILURE_URI.equals(property.path("default").asText())) {
            problems.add(file + ": property '" + FAILURE_PROPERTY + "': default must be \"" + DEFAULT_FAILURE_URI
                    + "\" (ctiflow's record of failed inputs)");
        }
        return problems;
    }

    /** Whether every call of the bean under {@code node} sits in a doTry that catches to {{failureUri}}. */
    private static boolean guarded(JsonNode node, String ref, boolean inTry) {
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (!guarded(n, ref, inTry)) {
                    return false;
                }
            }
            return true;
        }
        if (!node.isObject()) {
            return true;
        }
        if (ref.equals(node.path("bean").path("ref").asText(null))) {
            return inTry;
        }
        JsonNode doTry = node.path("doTry");
        if (doTry.isObject()) {
            boolean catches = doTry.path("doCatch").toString().contains("\"{{" + FAILURE_PROPERTY + "}}\"");
            for (Map.Entry<String, JsonNode> part : doTry.properties()) {
                // only the tried steps are guarded by this doTry; a call in doCatch or doFinally is not
                if (!guarded(part.getValue(), ref, "steps".equals(part.getKey()) ? catches : inTry)) {
                    return false;
                }
            }
            return true;
        }
        for (JsonNode child : node) {
            if (!guarded(child, ref, inTry)) {
                return false;
            }
        }
        return true;
    }
}

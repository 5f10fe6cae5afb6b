package io.ctiflow.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.ops.BuildVersion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kamelet's {@code spec.dependencies} must name what its template needs, or Camel JBang and Kamelet catalogs
 * run it without the jars it calls: {@code camel:<scheme>} for every Camel component its URIs use, and ctiflow's
 * components module ({@value #CTIFLOW_ARTIFACT}{@code <version>}) when it uses a ctiflow component or class.
 */
final class KameletDependencies {

    /** The Maven coordinates of ctiflow's components (and the Kamelets' HTTP fetcher), before the version. */
    static final String CTIFLOW_ARTIFACT = "mvn:io.ctiflow:camel-ctiflow:";
    /** ctiflow's own component schemes: they come with {@value #CTIFLOW_ARTIFACT}, not as camel:<scheme>. */
    private static final Set<String> CTIFLOW_SCHEMES = Set.of("otx", "misp", "misp-feed", "taxii", "signed-webhook", "siem",
            "jurisdiction", "stix-normalize");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");

    private KameletDependencies() {
    }

    /** Problems with the declared dependencies of one Kamelet. */
    static List<String> check(String file, JsonNode kamelet) {
        JsonNode spec = kamelet.path("spec");
        Set<String> declared = new TreeSet<>();
        spec.path("dependencies").forEach(d -> declared.add(d.asText()));
        Set<String> needed = new TreeSet<>();
        boolean ctiflow = false;
        for (String uri : uris(spec.path("template"), new ArrayList<>())) {
            Matcher m = SCHEME.matcher(uri);
            if (!m.find()) {
                continue; // a {{placeholder}} endpoint: whatever the user gives
            }
            String scheme = m.group(1);
            if (CTIFLOW_SCHEMES.contains(scheme)) {
                ctiflow = true;
            } else {
                needed.add("camel:" + scheme);
            }
        }
        for (JsonNode bean : spec.path("template").path("beans")) {
            if (bean.path("type").asText("").startsWith("#class:io.ctiflow.")) {
                ctiflow = true;
            }
        }
        if (hasBeanStep(spec.path("template"))) {
            needed.add("camel:bean");
        }
        List<String> problems = new ArrayList<>();
        for (String dependency : needed) {
            if (!declared.contains(dependency)) {
                problems.add(file + ": spec.dependencies: '" + dependency + "' is missing (the template uses it)");
            }
        }
        boolean declaresCtiflow = declared.stream().anyMatch(d -> d.startsWith(CTIFLOW_ARTIFACT) && d.length() > CTIFLOW_ARTIFACT.length());
        if (ctiflow && !declaresCtiflow) {
            problems.add(file + ": spec.dependencies: '" + CTIFLOW_ARTIFACT + "<version>' is missing (the template uses ctiflow's components or classes)");
        }
        String release = CTIFLOW_ARTIFACT + BuildVersion.current();
        declared.stream().filter(d -> d.startsWith(CTIFLOW_ARTIFACT) && !d.equals(release) && !BuildVersion.current().equals("development"))
                .forEach(d -> problems.add(file + ": spec.dependencies: '" + d + "' but this is ctiflow " + BuildVersion.current() + ": '" + release + "'"));
        declared.stream().filter(d -> d.startsWith("mvn:io.ctiflow:") && !d.startsWith(CTIFLOW_ARTIFACT))
                .forEach(d -> problems.add(file + ": spec.dependencies: '" + d + "' is no ctiflow artifact; the components are " + CTIFLOW_ARTIFACT + "<version>"));
        return problems;
    }

    /** Every endpoint URI of the template: from.uri, to (as text or uri), toD, wireTap, enrich and the like. */
    private static List<String> uris(JsonNode node, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey();
                JsonNode value = f.getValue();
                if (value.isTextual() && (key.equals("uri") || key.equals("to") || key.equals("toD") || key.equals("wireTap"))) {
                    out.add(value.asText());
                } else {
                    uris(value, out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> uris(n, out));
        }
        return out;
    }

    private static boolean hasBeanStep(JsonNode node) {
        if (node.isObject()) {
            if (node.has("bean")) {
                return true;
            }
            Iterator<JsonNode> values = node.elements();
            while (values.hasNext()) {
                if (hasBeanStep(values.next())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (hasBeanStep(n)) {
                    return true;
                }
            }
        }
        return false;
    }
}

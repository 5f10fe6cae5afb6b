package io.ctiflow.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A component's page of docs/components/ rendered from its catalog JSON: title, URI syntax, component
 * options, endpoint options and headers. The rendered part sits between two markers, so the page's
 * hand-written example below it survives regeneration (as Camel's update-readme keeps a page's prose).
 */
final class ComponentDocPage {

    static final String BEGIN = "<!-- BEGIN generated from the Camel catalog JSON by ComponentDocPage: edit the @UriParam/@Metadata"
            + " annotations, then mvn -q test -Dtest=ComponentDocsTest -Dctiflow.regenerate=true -->";
    static final String END = "<!-- END generated -->";

    private final JsonNode catalog;

    ComponentDocPage(JsonNode catalog) {
        this.catalog = catalog;
    }

    String scheme() {
        return catalog.at("/component/scheme").asText();
    }

    /** The generated part, markers included. */
    String render() {
        JsonNode component = catalog.path("component");
        StringBuilder md = new StringBuilder(BEGIN).append("\n");
        md.append("# ").append(component.path("title").asText()).append(": `").append(scheme()).append(":`\n\n");
        md.append(component.path("description").asText()).append("\n\n");
        md.append("**URI:** `").append(component.path("syntax").asText()).append("[?options]` · ").append(direction(component))
                .append(" · since ").append(component.path("firstVersion").asText()).append("\n");
        renderOptions(md, "Component options", "Set once for every endpoint, e.g. `camel.component." + scheme()
                + ".<option>` in application.properties.", catalog.path("componentProperties"));
        renderPath(md);
        renderOptions(md, "Endpoint options", "Query parameters of the URI, or `parameters:` of a YAML route.",
                withoutPath(catalog.path("properties")));
        renderHeaders(md);
        return md.append(END).toString();
    }

    /** The page with its generated part replaced; a new page gets a placeholder for its example. */
    String update(String page) {
        if (page == null) {
            return render() + "\n\n## Example\n\nTODO: a route using `" + scheme() + ":`\n";
        }
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(scheme() + ": page has no generated section between its markers");
        }
        return page.substring(0, begin) + render() + page.substring(end + END.length());
    }

    /** The generated part of a page, markers included; empty when it has none. */
    static String section(String page) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        return begin < 0 || end < begin ? "" : page.substring(begin, end + END.length());
    }

    private static String direction(JsonNode component) {
        if (component.path("producerOnly").asBoolean()) {
            return "producer only (`to:`)";
        }
        return component.path("consumerOnly").asBoolean() ? "consumer only (`from:`)" : "producer (`to:`) and consumer (`from:`)";
    }

    private void renderPath(StringBuilder md) {
        catalog.path("properties").properties().stream().filter(p -> "path".equals(p.getValue().path("kind").asText()))
                .forEach(p -> md.append("\n**Path:** `").append(p.getKey()).append("`")
                        .append(p.getValue().path("required").asBoolean() ? " (required)" : "").append(": ")
                        .append(cell(p.getValue().path("description").asText())).append("\n"));
    }

    private static List<Map.Entry<String, JsonNode>> withoutPath(JsonNode properties) {
        List<Map.Entry<String, JsonNode>> options = new ArrayList<>();
        properties.properties().forEach(p -> {
            if (!"path".equals(p.getValue().path("kind").asText())) {
                options.add(p);
            }
        });
        return options;
    }

    private static void renderOptions(StringBuilder md, String title, String intro, JsonNode properties) {
        List<Map.Entry<String, JsonNode>> options = new ArrayList<>();
        properties.properties().forEach(options::add);
        renderOptions(md, title, intro, options);
    }

    private static void renderOptions(StringBuilder md, String title, String intro, List<Map.Entry<String, JsonNode>> options) {
        md.append("\n## ").append(title).append("\n\n").append(intro).append("\n\n");
        md.append("| option | group | type | default | description |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> option : options) {
            JsonNode o = option.getValue();
            md.append("| `").append(option.getKey()).append("`").append(o.path("required").asBoolean() ? " (required)" : "")
                    .append(o.path("secret").asBoolean() ? " (secret)" : "")
                    .append(" | ").append(o.path("group").asText())
                    .append(" | ").append(type(o))
                    .append(" | ").append(o.has("defaultValue") ? "`" + o.path("defaultValue").asText() + "`" : "")
                    .append(" | ").append(cell(o.path("description").asText())).append(" |\n");
        }
    }

    private void renderHeaders(StringBuilder md) {
        JsonNode headers = catalog.path("headers");
        if (headers.isEmpty()) {
            return;
        }
        md.append("\n## Message headers\n\n| header | set by | type | description |\n|---|---|---|---|\n");
        headers.properties().forEach(h -> md.append("| `").append(h.getKey()).append("` | ")
                .append(h.getValue().path("label").asText().isEmpty() ? "both" : h.getValue().path("label").asText())
                .append(" | ").append(cell(h.getValue().path("javaType").asText()))
                .append(" | ").append(cell(h.getValue().path("description").asText())).append(" |\n"));
    }

    private static String type(JsonNode option) {
        if (option.has("enum")) {
            List<String> values = new ArrayList<>();
            option.path("enum").forEach(v -> values.add(v.asText()));
            return "one of " + String.join(", ", values);
        }
        String javaType = option.path("javaType").asText();
        return cell(javaType.substring(javaType.lastIndexOf('.') + 1));
    }

    /** Text safe in a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").strip();
    }
}

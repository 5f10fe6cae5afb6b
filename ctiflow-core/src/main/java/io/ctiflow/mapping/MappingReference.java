package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders the mapping reference page (docs/mapping-reference.md) from the mapping files themselves:
 * every feed, its fields and its worked examples. A test keeps the committed page equal to this
 * rendering, so the docs cannot drift from the files the tests run.
 */
public final class MappingReference {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MappingReference() {
    }

    public static String render(MappingLoader loader) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Feed mapping reference\n\n")
                .append("Generated from `mappings/` by `ctiflow mappings --markdown`; do not edit by hand.\n")
                .append("Every example below is asserted by the test suite.\n\n")
                .append("| feed | format | file | title |\n|---|---|---|---|\n");
        for (Path file : loader.allMappingFiles()) {
            FeedMapping m = loader.load(file);
            md.append("| `").append(m.name()).append("` | ").append(m.format()).append(" | `")
                    .append(relative(loader, file)).append("` | ").append(m.title()).append(" |\n");
        }
        for (Path file : loader.allMappingFiles()) {
            JsonNode doc = YAML.readTree(Files.newBufferedReader(file));
            md.append("\n## ").append(doc.path("mapping").asText()).append("\n\n")
                    .append(doc.path("title").asText()).append(" — `").append(relative(loader, file)).append("`\n\n")
                    .append(layout(doc))
                    .append("| taxonomy field | from | transforms |\n|---|---|---|\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("fields").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode rule = field.getValue();
                String from = rule.has("from") ? "`" + rule.get("from").asText() + "`"
                        : rule.has("constant") ? "constant `" + rule.get("constant") + "`"
                        : rule.has("template") ? "template `" + rule.get("template").asText() + "`"
                        : "detected from `" + rule.path("detect").asText() + "`";
                md.append("| `").append(field.getKey()).append("` | ").append(from.replace("|", "\\|")).append(" | ")
                        .append(rule.has("transforms") ? "`" + rule.get("transforms").toString().replace("|", "\\|") + "`" : "")
                        .append(" |\n");
            }
            JsonNode defaults = doc.path("defaults");
            if (!defaults.isMissingNode()) {
                md.append("\nDefaults: `").append(defaults).append("`\n");
            }
            md.append("\nExamples:\n");
            for (JsonNode example : doc.path("examples")) {
                String input = example.get("input").isTextual() ? example.get("input").asText() : example.get("input").toString();
                md.append("\n- input: `").append(input).append("`\n  ");
                md.append(example.has("reject") ? "rejected: " + example.get("reject").asText() : "gives: `" + example.get("expect") + "`");
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String relative(MappingLoader loader, Path file) {
        return "mappings/" + loader.mappingsDir().relativize(file).toString().replace('\\', '/');
    }

    /** How a nested JSON mapping finds its records (flat layouts need no line). */
    private static String layout(JsonNode doc) {
        JsonNode json = doc.path("json");
        if (!json.hasNonNull("each")) {
            return "";
        }
        String records = json.path("records").asText("");
        return "Records: each element of `" + json.get("each").asText() + "` in every element of "
                + (records.isEmpty() ? "the document" : "`" + records + "`")
                + "; `$parent.` paths read that outer element.\n\n";
    }
}

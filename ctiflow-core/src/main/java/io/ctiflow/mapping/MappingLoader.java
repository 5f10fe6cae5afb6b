package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Tlp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads feed mapping files: checks them against mappings/schema/feed-mapping.schema.json, then
 * compiles every rule, so a broken file fails at load time with the file, key and problem named.
 */
public final class MappingLoader {

    private final Path mappingsDir;
    private final Taxonomy taxonomy;
    private final SchemaCheckedYaml feedMappings;

    public MappingLoader(Path mappingsDir) {
        this.mappingsDir = mappingsDir;
        this.taxonomy = Taxonomy.load(mappingsDir);
        this.feedMappings = new SchemaCheckedYaml(mappingsDir.resolve("schema/feed-mapping.schema.json"));
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public Path mappingsDir() {
        return mappingsDir;
    }

    /** Loads a mapping by feed name ({@code mappings/<format>/<name>.yaml}) or by path. */
    public FeedMapping load(String nameOrPath) {
        Path direct = Path.of(nameOrPath);
        if (Files.isRegularFile(direct)) {
            return load(direct);
        }
        for (String format : List.of("csv", "json")) {
            Path candidate = mappingsDir.resolve(format).resolve(nameOrPath + ".yaml");
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        throw new MappingException(nameOrPath, null, "no such mapping file, and no mappings/csv/" + nameOrPath
                + ".yaml or mappings/json/" + nameOrPath + ".yaml");
    }

    public FeedMapping load(Path file) {
        return compile(feedMappings.read(file), file.toString());
    }

    /** Compiles a mapping document already parsed (used for tests and for mapping files embedded elsewhere). */
    public FeedMapping compile(JsonNode doc, String file) {
        String format = doc.path("format").asText();
        FeedMapping.CsvLayout csv = null;
        FeedMapping.JsonLayout json = null;
        if ("csv".equals(format)) {
            JsonNode c = doc.path("csv");
            List<String> columns = new ArrayList<>();
            c.path("columns").forEach(n -> columns.add(n.asText()));
            if (columns.isEmpty()) {
                throw new MappingException(file, "csv.columns", "a CSV mapping must list its columns");
            }
            csv = new FeedMapping.CsvLayout(c.path("delimiter").asText(",").charAt(0),
                    c.has("comment") ? c.get("comment").asText().charAt(0) : null,
                    c.path("quote").asText("\"").charAt(0),
                    c.path("header").asBoolean(false), List.copyOf(columns), c.path("lenient_columns").asBoolean(false));
        } else {
            JsonNode j = doc.path("json");
            json = new FeedMapping.JsonLayout(j.path("records").asText(""), j.path("ndjson").asBoolean(false),
                    j.path("each").asText(null));
        }
        if ((json == null || !json.nested()) && doc.path("fields").toString().contains(ValueSource.PARENT)) {
            throw new MappingException(file, "fields", "'" + ValueSource.PARENT + "' paths read the outer record of a"
                    + " nested layout: set json.each");
        }
        Map<String, Map<String, String>> lookups = new LinkedHashMap<>();
        doc.path("lookups").fields().forEachRemaining(t -> {
            Map<String, String> table = new LinkedHashMap<>();
            t.getValue().fields().forEachRemaining(e -> table.put(e.getKey(), e.getValue().asText()));
            lookups.put(t.getKey(), table);
        });
        final FeedMapping.CsvLayout layout = csv;
        List<FieldRule> rules = new ArrayList<>();
        List<FieldSetter> setters = new ArrayList<>();
        String detectFrom = null;
        var fields = doc.path("fields").fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String target = entry.getKey();
            String key = "fields." + target;
            JsonNode rule = entry.getValue();
            if (taxonomy.fieldType(target) == null) {
                throw new MappingException(file, key, "'" + target + "' is not a field of the common taxonomy "
                        + "(mappings/taxonomy/fields.yaml) and not under extra.");
            }
            if (rule.has("detect")) {
                if (!"observable.kind".equals(target) || !"observable.value".equals(rule.get("detect").asText())) {
                    throw new MappingException(file, key + ".detect", "detect is only for observable.kind, from observable.value");
                }
                detectFrom = "observable.value";
                continue;
            }
            ValueSource source;
            String describedAs;
            if (rule.has("from")) {
                source = fieldSource(rule.get("from").asText(), layout, file, key + ".from");
                describedAs = (layout != null ? "column " : "path ") + rule.get("from").asText();
            } else if (rule.has("constant")) {
                List<String> values = new ArrayList<>();
                if (rule.get("constant").isArray()) {
                    rule.get("constant").forEach(v -> values.add(v.asText()));
                } else {
                    values.add(rule.get("constant").asText());
                }
                source = ValueSource.constant(List.copyOf(values));
                describedAs = "constant";
            } else {
                source = ValueSource.template(rule.get("template").asText(), f -> fieldSource(f, layout, file, key + ".template"));
                describedAs = "template";
            }
            List<Transform> transforms = new ArrayList<>();
            JsonNode list = rule.path("transforms");
            for (int i = 0; i < list.size(); i++) {
                transforms.add(Transforms.compile(list.get(i), file, key + ".transforms[" + i + "]", lookups));
            }
            boolean required = rule.path("required").asBoolean("observable.value".equals(target));
            rules.add(new FieldRule(target, describedAs, source, transforms, required));
            setters.add(FieldSetter.forField(target, taxonomy));
        }
        if (rules.stream().noneMatch(r -> "observable.value".equals(r.target))) {
            throw new MappingException(file, "fields", "observable.value must be mapped");
        }
        JsonNode defaults = doc.path("defaults");
        String defaultClassification = defaults.path("classification").asText(null);
        if (defaultClassification != null && taxonomy.rsit(defaultClassification) == null) {
            throw new MappingException(file, "defaults.classification", "unknown RSIT type '" + defaultClassification + "'");
        }
        Tlp tlp = Tlp.parse(defaults.path("tlp").asText("amber")).orElseThrow();
        Integer confidence = defaults.has("confidence") ? defaults.get("confidence").asInt() : null;
        String mappingName = doc.path("mapping").asText();
        return new FeedMapping(mappingName, doc.path("title").asText(mappingName), file, format, csv, json, tlp, confidence,
                defaults.path("origin_jurisdiction").asText(null), defaultClassification, rules, setters, detectFrom);
    }

    private static ValueSource fieldSource(String field, FeedMapping.CsvLayout csv, String file, String key) {
        if (csv == null) {
            if (field.startsWith(ValueSource.PARENT) && field.length() > ValueSource.PARENT.length()) {
                return ValueSource.parentJsonPath(field.substring(ValueSource.PARENT.length()));
            }
            return ValueSource.jsonPath(field);
        }
        int index = csv.columns().indexOf(field);
        if (index < 0) {
            throw new MappingException(file, key, "no column '" + field + "' in csv.columns " + csv.columns());
        }
        return ValueSource.column(index);
    }

    /** Every mapping file under mappings/csv and mappings/json. */
    public List<Path> allMappingFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String format : List.of("csv", "json")) {
            Path dir = mappingsDir.resolve(format);
            if (Files.isDirectory(dir)) {
                try (var stream = Files.list(dir)) {
                    stream.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }
}

package io.ctiflow.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.MappingExamples;
import io.ctiflow.feed.Mappings;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.validation.StixValidator;
import io.ctiflow.stix.validation.ValidationProblem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The connector contract (docs/connector-rules.md), checked for one folder under {@code connectors/}:
 * the folder's files, the Kamelet's lint rules, no placeholder left from the scaffold, the worked
 * examples of the folder's mapping.yaml, the source's entry in policies/sources.yaml, and every
 * sample of {@code connector-test.yaml} run through the connector's mapping with the real
 * {@link FeedConverter}, its counts compared and its STIX validated. Shared by
 * {@code ConnectorContractTest} and {@code ctiflow connector test}.
 */
public final class ConnectorCheck {

    public static final String TEST_FILE = "connector-test.yaml";
    public static final String MAPPING_FILE = "mapping.yaml";
    public static final String KAMELET_SUFFIX = ".kamelet.yaml";
    /** The header a source sets to name its feed mapping (see {@code io.ctiflow.feed.FeedBatches}). */
    static final String FEED_HEADER = "CtiflowFeed";

    static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*-(source|sink|action)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9_.-]+)(?::[^}]*)?}}");
    private static final Set<String> MINOR_WORDS = Set.of("a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or",
            "per", "the", "to", "via", "with");
    private static final Set<String> SCRIPT_LANGUAGES = Set.of("groovy", "js", "javaScript", "joor", "java", "jsh", "python", "script");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|secret|token|apikey|api-key|authkey|auth-key|credential)");
    private static final String CREDENTIALS_DESCRIPTOR = "urn:camel:group:credentials";

    private static final ObjectMapper YAML = new YAMLMapper();

    /** One sample run: what it produced and what did not match {@code connector-test.yaml}. */
    public record SampleResult(String connector, String name, Path input, long records, int objects, Map<String, Integer> objectsByType,
                               List<Reject> rejects, List<JsonNode> bundles, int stixErrors, String failure, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** One readable line: {@code recent: 10 records, 13 objects, 4 rejects, STIX valid - ok}. */
        public String summary() {
            String produced = failure != null ? "input failed: " + failure
                    : records + " records, " + objects + " objects " + objectsByType + ", " + rejects.size() + " rejects, STIX "
                    + (stixErrors == 0 ? "valid" : stixErrors + " error(s)");
            return name + ": " + produced + (ok() ? " - ok" : " - FAILED: " + String.join("; ", problems));
        }
    }

    /** A whole folder: its lint problems and its sample runs. */
    public record Report(String connector, Path dir, List<String> lint, List<SampleResult> samples) {
        public boolean ok() {
            return lint.isEmpty() && samples.stream().allMatch(SampleResult::ok);
        }
    }

    private final Mappings mappings;
    private final Path policies;
    private final StixValidator validator = new StixValidator();

    /** @param policies the policies folder whose sources.yaml must name every connector's source */
    public ConnectorCheck(Mappings mappings, Path policies) {
        this.mappings = mappings;
        this.policies = policies;
    }

    /** The connector folders under {@code connectorsDir}; names starting with {@code _} or {@code .} are skipped. */
    public static List<Path> connectorDirs(Path connectorsDir) {
        try (Stream<Path> dirs = Files.list(connectorsDir)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().startsWith("_") && !d.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + connectorsDir, e);
        }
    }

    public Report check(Path dir) {
        String name = dir.getFileName().toString();
        List<String> lint = lint(dir);
        List<SampleResult> samples = new ArrayList<>();
        JsonNode test = Files.isRegularFile(dir.resolve(TEST_FILE)) ? readYaml(dir.resolve(TEST_FILE), new ArrayList<>()) : null;
        if (test != null) {
            FeedMapping mapping = null;
            try {
                mapping = mapping(dir, test);
            } catch (RuntimeException e) {
                lint.add(TEST_FILE + ": mapping: " + e.getMessage());
            }
            if (mapping != null) {
                lint.addAll(sourceEntry(test, mapping));
                if (test.path("mapping").isMissingNode()) {
                    lint.addAll(examples(dir.resolve(MAPPING_FILE), mapping));
                }
                String selector = test.path("properties").path("recordSelector").asText(null);
                for (JsonNode sample : test.path("samples")) {
                    samples.add(runSample(dir, name, sample, mapping, selector));
                }
            }
        }
        return new Report(name, dir, lint, samples);
    }

    /** The folder's files and the Kamelet's rules; an empty list when the folder keeps the contract. */
    public List<String> lint(Path dir) {
        String name = dir.getFileName().toString();
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            problems.add("folder name '" + name + "': expected <system>-<feed>-<kind>, lowercase and hyphenated, kind source, sink or action");
        }
        for (String required : List.of(name + KAMELET_SUFFIX, TEST_FILE, "README.md", "samples/SOURCE.md")) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                problems.add(required + ": missing");
            }
        }
        JsonNode kamelet = Files.isRegularFile(dir.resolve(name + KAMELET_SUFFIX)) ? readYaml(dir.resolve(name + KAMELET_SUFFIX), problems) : null;
        JsonNode test = Files.isRegularFile(dir.resolve(TEST_FILE)) ? readYaml(dir.resolve(TEST_FILE), problems) : null;
        if (kamelet != null) {
            lintKamelet(name, kamelet, problems);
        }
        if (test != null) {
            lintTest(dir, name, test, kamelet, problems);
        }
        problems.addAll(ScaffoldMarkers.find(dir));
        return problems;
    }

    /** The folder's own mapping documents itself with worked examples, and each holds. */
    private static List<String> examples(Path file, FeedMapping mapping) {
        if (MappingExamples.of(file).isEmpty()) {
            return List.of(MAPPING_FILE + ": no examples: add at least one worked example (an input record and the fields it gives)");
        }
        return MappingExamples.check(file, mapping).stream().map(f -> MAPPING_FILE + ": examples: " + f).toList();
    }

    /** The source the connector's objects carry must have sharing terms, or the filter withholds them all. */
    private List<String> sourceEntry(JsonNode test, FeedMapping mapping) {
        String source = test.path("source").asText(mapping.name());
        if (SourceEntry.configured(policies).contains(source)) {
            return List.of();
        }
        return List.of(policies.resolve(SourceEntry.SOURCES_FILE) + ": no entry for source '" + source
                + "', so the jurisdiction filter withholds every object of this connector; add under sources:\n"
                + SourceEntry.yaml(source, mapping.title()).stripTrailing());
    }

    private void lintKamelet(String name, JsonNode k, List<String> problems) {
        String file = name + KAMELET_SUFFIX;
        if (!"Kamelet".equals(k.path("kind").asText())) {
            problems.add(file + ": kind: expected Kamelet, was '" + k.path("kind").asText() + "'");
        }
        if (!name.equals(k.path("metadata").path("name").asText())) {
            problems.add(file + ": metadata.name: expected '" + name + "' (the file name), was '" + k.path("metadata").path("name").asText() + "'");
        }
        String type = k.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText("");
        String kind = name.substring(name.lastIndexOf('-') + 1);
        if ("source".equals(kind)) {
            problems.addAll(FetchFailureHandling.check(file, k));
        }
        problems.addAll(KameletDependencies.check(file, k));
        if (type.isEmpty()) {
            problems.add(file + ": metadata.labels: camel.apache.org/kamelet.type is not set");
        } else if (!type.equals(kind)) {
            problems.add(file + ": metadata.labels.camel.apache.org/kamelet.type: '" + type + "' but the name ends in -" + kind);
        }
        JsonNode def = k.path("spec").path("definition");
        String title = def.path("title").asText("");
        String suffix = kind.isEmpty() ? "" : Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        if (!title.endsWith(" " + suffix)) {
            problems.add(file + ": spec.definition.title '" + title + "' must end with " + suffix);
        }
        if (def.path("description").asText("").isBlank()) {
            problems.add(file + ": spec.definition.description is missing");
        }
        Set<String> declared = new LinkedHashSet<>();
        def.path("properties").fields().forEachRemaining(e -> {
            declared.add(e.getKey());
            lintProperty(file, e.getKey(), e.getValue(), problems);
        });
        for (JsonNode required : def.path("required")) {
            if (!declared.contains(required.asText())) {
                problems.add(file + ": spec.definition.required names '" + required.asText() + "', which is not a property");
            }
        }
        JsonNode template = k.path("spec").path("template");
        if (template.isMissingNode()) {
            problems.add(file + ": spec.template is missing");
            return;
        }
        Set<String> beans = new LinkedHashSet<>();
        template.path("beans").forEach(b -> beans.add(b.path("name").asText()));
        String text = template.toString();
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        for (String p : declared) {
            if (!used.contains(p)) {
                problems.add(file + ": property '" + p + "' is declared but never used in spec.template");
            }
        }
        for (String p : used) {
            if (!declared.contains(p) && !beans.contains(p)) {
                problems.add(file + ": spec.template uses {{" + p + "}}, which is not a declared property");
            }
        }
        String from = template.path("from").path("uri").asText("");
        if ("source".equals(kind) && !text.contains("\"kamelet:sink\"")) {
            problems.add(file + ": a source must end at kamelet:sink");
        }
        if ("sink".equals(kind) && !from.startsWith("kamelet:source")) {
            problems.add(file + ": a sink must start at kamelet:source, starts at '" + from + "'");
        }
        scripts(template, file, problems);
    }

    private static void lintProperty(String file, String key, JsonNode p, List<String> problems) {
        String where = file + ": property '" + key + "'";
        String title = p.path("title").asText("");
        if (title.isBlank()) {
            problems.add(where + ": no title");
        } else if (!titleCased(title)) {
            problems.add(where + ": title '" + title + "' is not Title-Cased");
        }
        if (p.path("description").asText("").isBlank()) {
            problems.add(where + ": no description");
        }
        if (p.path("type").asText("").isBlank()) {
            problems.add(where + ": no type");
        }
        if (!p.has("example") && !p.has("default")) {
            problems.add(where + ": needs an example or a default");
        }
        boolean password = "password".equals(p.path("format").asText());
        if (CREDENTIAL.matcher(key).matches() || password) {
            if (!password) {
                problems.add(where + ": a credential needs format: password");
            }
            boolean descriptor = false;
            for (JsonNode d : p.path("x-descriptors")) {
                descriptor |= CREDENTIALS_DESCRIPTOR.equals(d.asText());
            }
            if (!descriptor) {
                problems.add(where + ": a credential needs x-descriptors: [" + CREDENTIALS_DESCRIPTOR + "]");
            }
            if (p.has("default") && !p.path("default").asText().isEmpty()) {
                problems.add(where + ": a credential must not have a default value");
            }
        }
    }

    static boolean titleCased(String title) {
        String[] words = title.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            char c = w.charAt(0);
            if (Character.isLowerCase(c) && (i == 0 || !MINOR_WORDS.contains(w))) {
                return false;
            }
        }
        return true;
    }

    /** Mapping is data: no script languages in a template. */
    private static void scripts(JsonNode node, String file, List<String> problems) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (SCRIPT_LANGUAGES.contains(e.getKey())) {
                    problems.add(file + ": spec.template uses a '" + e.getKey() + "' script: put the logic in a bean or the mapping");
                }
                scripts(e.getValue(), file, problems);
            }
        } else if (node.isArray()) {
            node.forEach(n -> scripts(n, file, problems));
        }
    }

    private void lintTest(Path dir, String name, JsonNode test, JsonNode kamelet, List<String> problems) {
        if (!name.equals(test.path("connector").asText())) {
            problems.add(TEST_FILE + ": connector: expected '" + name + "', was '" + test.path("connector").asText() + "'");
        }
        boolean local = Files.isRegularFile(dir.resolve(MAPPING_FILE));
        String ref = test.path("mapping").asText(null);
        if (local == (ref != null)) {
            problems.add(TEST_FILE + ": name the feed mapping in mappings/ with 'mapping: <name>' or ship " + MAPPING_FILE + " - exactly one of them");
        }
        if (kamelet != null) {
            Set<String> declared = new LinkedHashSet<>();
            kamelet.path("spec").path("definition").path("properties").fieldNames().forEachRemaining(declared::add);
            test.path("properties").fieldNames().forEachRemaining(p -> {
                if (!declared.contains(p)) {
                    problems.add(TEST_FILE + ": properties." + p + " is not a property of the Kamelet");
                }
            });
            String feed = feedHeader(kamelet.path("spec").path("template"));
            if (feed != null && feed.startsWith("{{") && feed.endsWith("}}")) {
                feed = test.path("properties").path(feed.substring(2, feed.length() - 2)).asText(null);
            }
            if (ref != null && feed != null && !feed.equals(ref)) {
                problems.add(name + KAMELET_SUFFIX + ": sets " + FEED_HEADER + " to '" + feed + "' but " + TEST_FILE + " tests mapping '" + ref + "'");
            }
        }
        if (!test.path("samples").isArray() || test.path("samples").isEmpty()) {
            problems.add(TEST_FILE + ": samples: at least one good and one malformed sample are needed");
            return;
        }
        boolean malformed = false;
        for (JsonNode s : test.path("samples")) {
            String c = s.path("case").asText("");
            if (c.isEmpty()) {
                problems.add(TEST_FILE + ": a sample without 'case'");
                continue;
            }
            malformed |= s.path("rejects").asInt(0) > 0 || s.has("fails");
            if (!s.has("fails") && !(s.has("records") && s.has("objects") && s.has("rejects"))) {
                problems.add(TEST_FILE + ": sample '" + c + "': expected counts records, objects and rejects (or fails: <reason>)");
            }
            if (input(dir, s) == null) {
                problems.add(TEST_FILE + ": sample '" + c + "': no samples/" + c + ".input.<ext>");
            }
        }
        if (!malformed) {
            problems.add(TEST_FILE + ": no malformed sample (one with rejects > 0 or fails: <reason>)");
        }
    }

    /** The constant the template sets the feed header to, if any. */
    private static String feedHeader(JsonNode node) {
        if (node.isObject()) {
            JsonNode set = node.path("setHeader");
            if (FEED_HEADER.equals(set.path("name").asText())) {
                return set.has("constant") ? set.path("constant").asText() : set.path("simple").asText(null);
            }
            Iterator<JsonNode> values = node.elements();
            while (values.hasNext()) {
                String found = feedHeader(values.next());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                String found = feedHeader(n);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private FeedMapping mapping(Path dir, JsonNode test) {
        String ref = test.path("mapping").asText(null);
        if (ref != null) {
            FeedMapping m = mappings.all().get(ref);
            if (m == null) {
                throw new IllegalArgumentException("no mapping '" + ref + "' in mappings/ (known: " + mappings.all().keySet() + ")");
            }
            return m;
        }
        return mappings.loader().load(dir.resolve(MAPPING_FILE));
    }

    private static Path input(Path dir, JsonNode sample) {
        if (sample.has("input")) {
            Path p = dir.resolve(sample.path("input").asText());
            return Files.isRegularFile(p) ? p : null;
        }
        String prefix = sample.path("case").asText() + ".input.";
        try (Stream<Path> files = Files.list(dir.resolve("samples"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private SampleResult runSample(Path dir, String connector, JsonNode sample, FeedMapping mapping, String selector) {
        String name = sample.path("case").asText();
        Path input = input(dir, sample);
        List<String> problems = new ArrayList<>();
        if (input == null) {
            problems.add("no input file samples/" + name + ".input.<ext>");
            return new SampleResult(connector, name, null, 0, 0, Map.of(), List.of(), List.of(), 0, null, problems);
        }
        String origin = connector + "/samples/" + input.getFileName();
        long records = 0;
        List<Reject> rejects = new ArrayList<>();
        List<JsonNode> bundles = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Integer> byType = new TreeMap<>();
        List<String> patterns = new ArrayList<>();
        String failure = null;
        int stixErrors = 0;
        try (InputStream in = Files.newInputStream(input);
             FeedConverter converter = new FeedConverter(in, origin, mapping, mappings.toStix(), 1000, selector)) {
            while (converter.hasNext()) {
                Batch batch = converter.next();
                records += batch.recordsRead();
                rejects.addAll(batch.rejects());
                if (!batch.hasObjects()) {
                    continue;
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (BundleWriter writer = new BundleWriter(bytes, false)) {
                    for (StixObject o : batch.objects()) {
                        writer.writeOnce(o);
                    }
                }
                JsonNode bundle = Stix.mapper().readTree(bytes.toByteArray());
                bundles.add(bundle);
                for (ValidationProblem p : validator.validate(bundle)) {
                    if (p.isError()) {
                        stixErrors++;
                        if (stixErrors <= 3) {
                            problems.add("invalid STIX: " + p.objectId() + " " + p.property() + ": " + p.message());
                        }
                    }
                }
                for (JsonNode o : bundle.path("objects")) {
                    if (ids.add(o.path("id").asText())) {
                        byType.merge(o.path("type").asText(), 1, Integer::sum);
                        if (o.has("pattern")) {
                            patterns.add(o.path("pattern").asText());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (sample.has("fails")) {
            String expected = sample.path("fails").asText();
            if (failure == null) {
                problems.add("expected the input to fail with '" + expected + "', but it was read");
            } else if (!failure.contains(expected)) {
                problems.add("expected the input to fail with '" + expected + "', failed with: " + failure);
            }
        } else {
            if (failure != null) {
                problems.add("input failed: " + failure);
            }
            expect(problems, "records", sample.path("records").asLong(-1), records);
            expect(problems, "objects", sample.path("objects").asLong(-1), ids.size());
            expect(problems, "rejects", sample.path("rejects").asLong(-1), rejects.size());
        }
        for (Reject r : rejects) {
            if (r.reason() == null || r.reason().isBlank()) {
                problems.add("reject without a reason: " + describe(connector, r));
            }
        }
        compareExpected(dir.resolve("samples").resolve(name + ".expected.json"), byType, patterns, rejects, problems);
        return new SampleResult(connector, name, input, records, ids.size(), byType, rejects, bundles, stixErrors, failure, problems);
    }

    private static void expect(List<String> problems, String what, long expected, long actual) {
        if (expected != actual) {
            problems.add(what + ": expected " + expected + ", got " + actual);
        }
    }

    /**
     * Optional {@code samples/<case>.expected.json}: {@code objects_by_type} (exact counts per STIX
     * type), {@code patterns} (each must be among the indicators' patterns), {@code rejects} (each
     * {@code {line, reason}}: a reject at that line whose reason contains the text).
     */
    private static void compareExpected(Path file, Map<String, Integer> byType, List<String> patterns, List<Reject> rejects,
                                        List<String> problems) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        JsonNode expected;
        try {
            expected = Stix.mapper().readTree(file.toFile());
        } catch (IOException e) {
            problems.add(file.getFileName() + ": not JSON: " + e.getMessage());
            return;
        }
        if (expected.has("objects_by_type")) {
            Map<String, Integer> want = new TreeMap<>();
            expected.path("objects_by_type").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asInt()));
            if (!want.equals(byType)) {
                problems.add("objects by type: expected " + want + ", got " + byType);
            }
        }
        for (JsonNode p : expected.path("patterns")) {
            if (!patterns.contains(p.asText())) {
                problems.add("no indicator with pattern " + p.asText());
            }
        }
        for (JsonNode r : expected.path("rejects")) {
            long line = r.path("line").asLong();
            String reason = r.path("reason").asText();
            if (rejects.stream().noneMatch(x -> x.line() == line && x.reason().contains(reason))) {
                problems.add("no reject at line " + line + " with reason '" + reason + "'");
            }
        }
    }

    /** A reject as one line naming connector, record and problem. */
    public static String describe(String connector, Reject r) {
        String record = r.record() == null ? "" : r.record().replaceAll("\\s+", " ");
        if (record.length() > 100) {
            record = record.substring(0, 100) + "...";
        }
        return connector + ": " + r.origin() + ":" + r.line() + ": " + r.reason() + " (record: " + record + ")";
    }

    private static JsonNode readYaml(Path file, List<String> problems) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                problems.add(file.getFileName() + ": not a YAML mapping");
                return null;
            }
            return node;
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            problems.add(file.getFileName() + ": unreadable YAML: " + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m));
            return null;
        }
    }
}

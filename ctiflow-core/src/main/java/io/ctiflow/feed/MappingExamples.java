package io.ctiflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.mapping.SourceRecord;
import io.ctiflow.mapping.TaxonomyRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the worked {@code examples:} of a feed mapping file through the mapping, so a file's
 * documentation cannot drift from its behaviour. Each example is an input record with the
 * taxonomy fields it must give ({@code expect}) or the reason it must be rejected ({@code reject});
 * used by the mapping tests and by {@code ctiflow connector test} for a connector's own mapping.
 */
public final class MappingExamples {

    /** An example that did not hold: its name ({@code name:}, else {@code example <n>}) and what differed. */
    public record Failure(String example, String difference) {
        @Override
        public String toString() {
            return example + ": " + difference;
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private MappingExamples() {
    }

    /** The {@code examples:} of a mapping file (an empty array when it has none). */
    public static JsonNode of(Path file) {
        try {
            return YAML.readTree(file.toFile()).path("examples");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every example of {@code file} that does not hold for {@code mapping} (the file compiled); empty when all hold. */
    public static List<Failure> check(Path file, FeedMapping mapping) {
        List<Failure> failures = new ArrayList<>();
        JsonNode examples = of(file);
        for (int i = 0; i < examples.size(); i++) {
            JsonNode example = examples.get(i);
            String name = example.path("name").asText("example " + (i + 1));
            String difference = difference(mapping, example);
            if (difference != null) {
                failures.add(new Failure(name, difference));
            }
        }
        return failures;
    }

    /** What the mapping gives that the example does not expect; null when the example holds. */
    public static String difference(FeedMapping mapping, JsonNode example) {
        SourceRecord record;
        try {
            record = record(mapping, example.get("input"));
        } catch (IOException | RuntimeException e) {
            return "input not readable as a record: " + e.getMessage();
        }
        List<TaxonomyRecord> mapped;
        try {
            mapped = mapping.map(record);
        } catch (RecordRejected e) {
            return example.has("reject")
                    ? (e.getMessage().contains(example.get("reject").asText()) ? null
                    : "rejected with '" + e.getMessage() + "', expected a reason containing '" + example.get("reject").asText() + "'")
                    : "rejected: " + e.getMessage();
        }
        if (example.has("reject")) {
            return "expected a reject containing '" + example.get("reject").asText() + "', but the record was mapped";
        }
        if (mapped.isEmpty()) {
            return "the record gave no taxonomy record";
        }
        List<String> differences = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = example.path("expect").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object expected = expected(e.getValue());
            Object actual = mapped.get(0).get(e.getKey());
            if (!Objects.equals(expected, actual)) {
                differences.add(e.getKey() + ": expected " + expected + ", got " + actual);
            }
        }
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    private static Object expected(JsonNode value) {
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            value.forEach(v -> values.add(v.asText()));
            return values;
        }
        return value.asText();
    }

    private static SourceRecord record(FeedMapping mapping, JsonNode input) throws IOException {
        if (mapping.csv() == null) {
            // a nested layout's example is the outer record with its inner array; the first inner element is checked
            return mapping.json().records(input, "example", 1).get(0);
        }
        FeedMapping.CsvLayout layout = mapping.csv();
        FeedMapping.CsvLayout noHeader = new FeedMapping.CsvLayout(layout.delimiter(), layout.comment(), layout.quote(), false,
                layout.columns(), layout.lenientColumns());
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader(input.asText() + "\n"), "example", noHeader)) {
            return reader.next();
        }
    }
}

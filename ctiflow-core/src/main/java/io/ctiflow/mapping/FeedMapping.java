package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Tlp;

import java.util.ArrayList;
import java.util.List;
/**
 * A compiled feed mapping file: how to read the feed (CSV settings or JSON records path) and how to
 * turn each record into common taxonomy records. Immutable and thread-safe once loaded.
 */
public final class FeedMapping {

    /** How to read a CSV feed. */
    public record CsvLayout(char delimiter, Character comment, char quote, boolean header, List<String> columns, boolean lenientColumns) {
    }

    /**
     * How to find the records in a JSON feed: the array at {@code recordsPath} (or one object per
     * line), and, when {@code each} is set, the elements of the array at that path inside every such
     * record instead (the outer record stays readable as {@code $parent.<path>}).
     */
    public record JsonLayout(String recordsPath, boolean ndjson, String each) {

        public JsonLayout(String recordsPath, boolean ndjson) {
            this(recordsPath, ndjson, null);
        }

        public boolean nested() {
            return each != null && !each.isEmpty();
        }

        /**
         * The records one element of the records array gives: itself, or for a nested layout the
         * elements of its {@code each} array (none when it has none), each with the element as parent.
         * They all carry {@code line}, the element's number in the feed, so a reject points at it.
         */
        public List<JsonRecord> records(JsonNode element, String origin, long line) {
            if (!nested() || element.isTextual()) {
                return List.of(new JsonRecord(origin, line, element));
            }
            JsonNode inner = element;
            for (String step : each.split("\\.")) {
                inner = inner.path(step);
            }
            List<JsonRecord> out = new ArrayList<>(inner.size());
            if (inner.isArray()) {
                for (JsonNode child : inner) {
                    out.add(new JsonRecord(origin, line, child, element));
                }
            }
            return out;
        }
    }

    private final String name;
    private final String title;
    private final String file;
    private final String format;
    private final CsvLayout csv;
    private final JsonLayout json;
    private final Tlp defaultTlp;
    private final Integer defaultConfidence;
    private final String defaultJurisdiction;
    private final String defaultClassification;
    private final FieldRule[] rules;
    private final FieldSetter[] setters;
    private final int observableRule;
    private final String detectKindFrom;

    FeedMapping(String name, String title, String file, String format, CsvLayout csv, JsonLayout json, Tlp defaultTlp,
                Integer defaultConfidence, String defaultJurisdiction, String defaultClassification,
                List<FieldRule> rules, List<FieldSetter> setters, String detectKindFrom) {
        this.name = name;
        this.title = title;
        this.file = file;
        this.format = format;
        this.csv = csv;
        this.json = json;
        this.defaultTlp = defaultTlp;
        this.defaultConfidence = defaultConfidence;
        this.defaultJurisdiction = defaultJurisdiction;
        this.defaultClassification = defaultClassification;
        this.rules = rules.toArray(FieldRule[]::new);
        this.setters = setters.toArray(FieldSetter[]::new);
        int observable = -1;
        for (int i = 0; i < this.rules.length; i++) {
            if ("observable.value".equals(this.rules[i].target)) {
                observable = i;
            }
        }
        this.observableRule = observable;
        this.detectKindFrom = detectKindFrom;
    }

    public String name() {
        return name;
    }

    /** A human title of the feed, e.g. "URLhaus malware URLs (abuse.ch)". */
    public String title() {
        return title;
    }

    /** The mapping file this was loaded from, for messages. */
    public String file() {
        return file;
    }

    public String format() {
        return format;
    }

    public CsvLayout csv() {
        return csv;
    }

    public JsonLayout json() {
        return json;
    }

    /**
     * Maps one source record to taxonomy records: usually one, several when the observable field
     * holds a list (e.g. "ip1|ip2"). Throws with a readable reason when the record is unusable.
     */
    public List<TaxonomyRecord> map(SourceRecord record) throws RecordRejected {
        if (csv != null && !csv.lenientColumns() && record instanceof CsvRow row && row.size() != csv.columns().size()) {
            throw new RecordRejected("expected " + csv.columns().size() + " columns, found " + row.size());
        }
        TaxonomyRecord base = new TaxonomyRecord();
        base.source = name;
        base.tlp = defaultTlp;
        base.confidence = defaultConfidence;
        base.originJurisdiction = defaultJurisdiction;
        base.classification = defaultClassification;
        List<String> observables = null;
        for (int i = 0; i < rules.length; i++) {
            List<String> values = rules[i].evaluate(record);
            if (values.isEmpty()) {
                continue;
            }
            if (i == observableRule) {
                observables = values;
            } else {
                setters[i].set(base, values);
            }
        }
        if (observables == null || observables.isEmpty()) {
            throw new RecordRejected("no observable value");
        }
        List<TaxonomyRecord> out = new ArrayList<>(observables.size());
        IocKind declared = detectKindFrom != null ? null : base.kind;
        for (int i = 0; i < observables.size(); i++) {
            TaxonomyRecord r = i == 0 ? base : base.copy();
            String value = observables.get(i);
            IocKind kind = declared;
            if (kind == null) {
                kind = IocKind.detect(value);
                if (kind == null) {
                    throw new RecordRejected("cannot tell what kind of observable '" + IocKind.abbreviate(value) + "' is");
                }
            }
            r.kind = kind;
            r.value = kind.normalize(value);
            if (r.lastSeen != null && r.firstSeen != null && r.lastSeen.isBefore(r.firstSeen)) {
                // feeds report last_online as a day; never let it precede first_seen
                r.lastSeen = r.firstSeen;
            }
            out.add(r);
        }
        return out;
    }
}

package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * ctiflow's MISP to STIX against misp-stix's own: the features of misp-stix's test events (one MISP attribute
 * or object each, with the STIX 2.1 misp-stix produced for it, ctiflow-app/src/test/resources/data/misp-stix/) are
 * converted by {@link MispToStix} and compared on {@link StixValueKeys}: which share of misp-stix's pattern
 * comparisons and observable values ctiflow's output holds. misp-stix documents every feature both ways, as
 * an indicator and as observed-data; ctiflow writes one or the other by to_ids, so each feature is converted
 * twice, once with every attribute's to_ids set (compared on patterns) and once with none (compared on
 * observables).
 */
final class MispStixReference {

    static final Path FIXTURES = Path.of("ctiflow-app/src/test/resources/data/misp-stix");

    /** One feature: its misp-stix keys, ctiflow's keys and ctiflow's two conversions. */
    record Feature(String file, String name, JsonNode misp, StixValueKeys.Keys expected, StixValueKeys.Keys actual,
                   List<MispConversion> conversions) {

        Set<String> missingComparisons() {
            return missing(expected.comparisons(), actual.comparisons());
        }

        Set<String> missingObservables() {
            return missing(expected.observables(), actual.observables());
        }

        private static Set<String> missing(Set<String> expected, Set<String> actual) {
            Set<String> out = new TreeSet<>(expected);
            out.removeAll(actual);
            return out;
        }
    }

    /** Found / expected over a list of features. */
    record Share(int found, int expected) {
        double percent() {
            return expected == 0 ? 100 : 100.0 * found / expected;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f %% (%d of %d)", percent(), found, expected);
        }
    }

    private final MispToStix converter;
    private final MispToStix.Options options;

    MispStixReference(MispToStix converter) {
        this(converter, MispToStix.Options.DEFAULT);
    }

    /** With a source's options (binaries: misp-stix's artifacts are compared too). */
    MispStixReference(MispToStix converter, MispToStix.Options options) {
        this.converter = converter;
        this.options = options;
    }

    /** Every fixture under attributes/ and objects/, in file-name order. */
    List<Feature> features() {
        List<Feature> out = new ArrayList<>();
        for (String dir : List.of("attributes", "objects")) {
            try (Stream<Path> files = Files.list(FIXTURES.resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    out.add(feature(dir + "/" + f.getFileName(), Stix.mapper().readTree(f.toFile())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static JsonNode fixture(String file) {
        try {
            return Stix.mapper().readTree(FIXTURES.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Feature feature(String file, JsonNode fixture) {
        String name = fixture.path("feature").asText();
        MispConversion asIndicators = converter.convert(event(name, fixture.path("MISP"), true), options);
        MispConversion asObservables = converter.convert(event(name, fixture.path("MISP"), false), options);
        StixValueKeys.Keys actual = new StixValueKeys.Keys();
        StixValueKeys.Keys indicatorKeys = StixValueKeys.of(objects(asIndicators));
        StixValueKeys.Keys observableKeys = StixValueKeys.of(objects(asObservables));
        actual.comparisons().addAll(indicatorKeys.comparisons());
        actual.observables().addAll(observableKeys.observables());
        return new Feature(file, name, fixture.path("MISP"), StixValueKeys.of(fixture.path("STIX")), actual, List.of(asIndicators, asObservables));
    }

    static Share comparisons(List<Feature> features) {
        return share(features, true);
    }

    static Share observables(List<Feature> features) {
        return share(features, false);
    }

    private static Share share(List<Feature> features, boolean comparisons) {
        int expected = 0;
        int missing = 0;
        for (Feature f : features) {
            expected += (comparisons ? f.expected().comparisons() : f.expected().observables()).size();
            missing += (comparisons ? f.missingComparisons() : f.missingObservables()).size();
        }
        return new Share(expected - missing, expected);
    }

    /**
     * The MISP side as one unpublished event of misp-stix's test organisation: an attribute, an object or
     * a list of objects (file + pe + pe-section), every attribute's to_ids set to the given value (null: as they are).
     */
    static ObjectNode event(String name, JsonNode misp, Boolean toIds) {
        ObjectNode event = Stix.mapper().createObjectNode();
        event.put("uuid", UUID.nameUUIDFromBytes(("misp-stix " + name).getBytes(StandardCharsets.UTF_8)).toString());
        event.put("info", "misp-stix test event: " + name);
        event.put("date", "2020-10-25");
        event.put("timestamp", "1603642920");
        event.put("published", false);
        ObjectNode org = event.putObject("Orgc");
        org.put("name", "MISP-Project");
        org.put("uuid", "a0c22599-9e58-4da4-96ac-7051603fa951");
        List<JsonNode> items = new ArrayList<>();
        if (misp.isArray()) {
            misp.forEach(items::add);
        } else {
            items.add(misp);
        }
        ArrayNode attributes = event.putArray("Attribute");
        ArrayNode objects = event.putArray("Object");
        for (JsonNode item : items) {
            ObjectNode copy = item.deepCopy();
            if (copy.has("Attribute")) {
                if (toIds != null) {
                    copy.get("Attribute").forEach(a -> ((ObjectNode) a).put("to_ids", toIds));
                }
                objects.add(copy);
            } else {
                if (toIds != null) {
                    copy.put("to_ids", toIds);
                }
                attributes.add(copy);
            }
        }
        return event;
    }

    private static ArrayNode objects(MispConversion c) {
        ArrayNode out = Stix.mapper().createArrayNode();
        c.objects().forEach(o -> out.add(o.tree()));
        return out;
    }
}

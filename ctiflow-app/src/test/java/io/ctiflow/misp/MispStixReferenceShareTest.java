package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much of misp-stix's STIX 2.1 ctiflow's MISP conversion holds (see {@link MispStixReference}): on misp-stix's
 * test-event features, and on the real sample events through the paths learned from those features. The shares
 * are floors: they may rise with the mappings, never fall. The per-feature gaps are written to
 * target/misp-stix-reference.md.
 */
class MispStixReferenceShareTest {

    /** Measured shares (percent, rounded down) that the mappings must keep; update them upwards with the README. */
    static final double FIXTURE_COMPARISONS = 83;
    static final double FIXTURE_OBSERVABLES = 81;
    static final double REAL_COMPARISONS = 94;
    static final double REAL_OBSERVABLES = 99;
    /** The same with the source option binaries (attachments and malware samples as artifacts, as misp-stix writes them). */
    static final double BINARIES_FIXTURE_COMPARISONS = 84;
    static final double BINARIES_FIXTURE_OBSERVABLES = 82;

    private static List<MispStixReference.Feature> features;

    @BeforeAll
    static void convert() {
        features = new MispStixReference(CONVERTER).features();
    }

    @Test
    void mispStixTestEventsKeepTheirComparisonsAndObservables() throws IOException {
        assertThat(features).hasSizeGreaterThanOrEqualTo(130);
        MispStixReference.Share comparisons = MispStixReference.comparisons(features);
        MispStixReference.Share observables = MispStixReference.observables(features);
        StringBuilder report = new StringBuilder("# ctiflow against misp-stix's test events\n\n")
                .append("comparisons: ").append(comparisons).append("\nobservables: ").append(observables).append("\n\n");
        for (MispStixReference.Feature f : features) {
            Set<String> missing = new TreeSet<>(f.missingComparisons());
            missing.addAll(f.missingObservables());
            if (!missing.isEmpty()) {
                report.append("## ").append(f.file()).append(" (").append(f.name()).append(")\n");
                f.missingComparisons().forEach(k -> report.append("- pattern ").append(k).append('\n'));
                f.missingObservables().forEach(k -> report.append("- observable ").append(k).append('\n'));
            }
        }
        Files.createDirectories(Path.of("ctiflow-app/target"));
        Files.writeString(Path.of("ctiflow-app/target/misp-stix-reference.md"), report);
        System.out.println("misp-stix test events: comparisons " + comparisons + ", observables " + observables);
        List<String> invalid = new ArrayList<>();
        for (MispStixReference.Feature f : features) {
            try {
                validBundle("misp-stix feature " + f.file(), f.conversions());
            } catch (AssertionError e) {
                invalid.add(e.getMessage().strip());
            }
        }
        assertThat(invalid).as("ctiflow's output for every misp-stix feature is valid STIX 2.1").isEmpty();
        assertThat(comparisons.percent()).as("share of misp-stix's pattern comparisons").isGreaterThanOrEqualTo(FIXTURE_COMPARISONS);
        assertThat(observables.percent()).as("share of misp-stix's observable values").isGreaterThanOrEqualTo(FIXTURE_OBSERVABLES);
    }

    @Test
    void withTheBinariesOptionTheArtifactsAreComparedToo() {
        List<MispStixReference.Feature> withBinaries = new MispStixReference(CONVERTER, MispToStix.Options.BINARIES).features();
        MispStixReference.Share comparisons = MispStixReference.comparisons(withBinaries);
        MispStixReference.Share observables = MispStixReference.observables(withBinaries);
        System.out.println("misp-stix test events, source option binaries: comparisons " + comparisons + ", observables " + observables);
        for (MispStixReference.Feature f : withBinaries) {
            validBundle("misp-stix feature " + f.file() + " with binaries", f.conversions());
        }
        assertThat(comparisons.percent()).isGreaterThanOrEqualTo(BINARIES_FIXTURE_COMPARISONS);
        assertThat(observables.percent()).isGreaterThanOrEqualTo(BINARIES_FIXTURE_OBSERVABLES);
    }

    @Test
    void realSamplesKeepWhatMispStixMapsThemTo() throws IOException {
        MispStixLearnedPaths learned = new MispStixLearnedPaths(features, new MispMappings(Path.of("mappings/misp")));
        int expectedComparisons = 0;
        int foundComparisons = 0;
        int expectedObservables = 0;
        int foundObservables = 0;
        StringBuilder report = new StringBuilder("# ctiflow against misp-stix's mapping on the real samples\n\n");
        for (Path file : realSamples()) {
            JsonNode doc = MispTestSupport.sample(MispTestSupport.DATA.relativize(file).toString());
            List<JsonNode> events = new ArrayList<>();
            (doc.has("response") ? doc.get("response") : doc.isArray() ? doc : List.of(doc)).forEach(events::add);
            for (JsonNode event : events) {
                StixValueKeys.Keys expected = learned.expected(event);
                MispConversion conversion = CONVERTER.convert(event);
                StixValueKeys.Keys actual = StixValueKeys.of(validBundle("real sample " + file, conversion));
                Set<String> missing = new TreeSet<>();
                for (String k : expected.comparisons()) {
                    if (actual.comparisons().contains(k)) {
                        foundComparisons++;
                    } else {
                        missing.add("pattern " + k);
                    }
                }
                for (String k : expected.observables()) {
                    if (actual.observables().contains(k)) {
                        foundObservables++;
                    } else {
                        missing.add("observable " + k);
                    }
                }
                expectedComparisons += expected.comparisons().size();
                expectedObservables += expected.observables().size();
                if (!missing.isEmpty()) {
                    report.append("## ").append(MispTestSupport.DATA.relativize(file)).append('\n');
                    missing.forEach(m -> report.append("- ").append(m).append('\n'));
                }
            }
        }
        MispStixReference.Share comparisons = new MispStixReference.Share(foundComparisons, expectedComparisons);
        MispStixReference.Share observables = new MispStixReference.Share(foundObservables, expectedObservables);
        report.insert(report.indexOf("\n\n") + 2, "comparisons: " + comparisons + "\nobservables: " + observables + "\n\n");
        Files.createDirectories(Path.of("ctiflow-app/target"));
        Files.writeString(Path.of("ctiflow-app/target/misp-stix-reference-real.md"), report);
        System.out.println("real samples: comparisons " + comparisons + ", observables " + observables);
        assertThat(comparisons.percent()).as("share of misp-stix's pattern comparisons, real samples").isGreaterThanOrEqualTo(REAL_COMPARISONS);
        assertThat(observables.percent()).as("share of misp-stix's observable values, real samples").isGreaterThanOrEqualTo(REAL_OBSERVABLES);
    }

    /** The real events (MISP exports, feeds), without misp-stix's synthetic collections and feed manifests. */
    static List<Path> realSamples() throws IOException {
        try (Stream<Path> files = Files.walk(MispTestSupport.DATA)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("test_events_collection") && !p.getFileName().toString().equals("manifest.json"))
                    .sorted().toList();
        }
    }
}

package io.ctiflow.policy;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small policy folder built in code, written as the four YAML files to a directory and read by the
 * real {@link PolicyLoader}. Entries are plain maps so a test can set any key the schemas allow.
 */
final class TestPolicy {

    static final String KEY_VARIABLE = "TEST_PSEUDONYMISATION_KEY";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    final Map<String, Object> jurisdictions = new LinkedHashMap<>();
    final Map<String, Object> destinations = new LinkedHashMap<>();
    final Map<String, Object> sources = new LinkedHashMap<>();
    final Map<String, Object> policy = new LinkedHashMap<>();
    /** The pseudonymisation key the environment holds, or null for none. */
    String key = PolicyTestSupport.KEY;

    /** Jurisdictions EU (DE, FR, BE), US and CN, all free; trust none..high; the shipped content classes; no destinations or sources. */
    static TestPolicy basic() {
        TestPolicy p = new TestPolicy();
        p.jurisdiction("EU", "DE", "FR", "BE");
        p.jurisdiction("US", "US");
        p.jurisdiction("CN", "CN");
        p.policy.put("trust_levels", List.of("none", "low", "medium", "high"));
        p.policy.put("attribution_min_trust", "high");
        p.policy.put("pseudonymisation_key", "${env:" + KEY_VARIABLE + "}");
        p.policy.put("defaults", map("personal_data", map("default", "keep"), "provenance", "keep"));
        Map<String, Object> classes = new LinkedHashMap<>();
        classes.put("indicators", List.of("indicator"));
        classes.put("observables", List.of("observed-data"));
        classes.put("threat-intel", List.of("malware", "tool", "threat-actor", "intrusion-set", "campaign", "attack-pattern",
                "infrastructure", "vulnerability", "course-of-action", "malware-analysis", "location"));
        classes.put("reports", List.of("report", "grouping", "note", "opinion"));
        classes.put("sightings", List.of("sighting"));
        classes.put("identities", List.of("identity"));
        p.policy.put("content_classes", classes);
        return p;
    }

    /** A free jurisdiction; change its localisation through the returned map. */
    Map<String, Object> jurisdiction(String code, String... members) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("name", code);
        j.put("members", List.of(members));
        j.put("localisation", map("rule", "free"));
        jurisdictions.put(code, j);
        return j;
    }

    /** A destination that accepts everything up to AMBER+STRICT, keeps personal data and provenance, trust high, one file endpoint. */
    Map<String, Object> destination(String id, String jurisdiction, String... communities) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", id);
        d.put("jurisdiction", jurisdiction);
        d.put("communities", List.of(communities));
        d.put("trust", "high");
        d.put("max_tlp", "amber+strict");
        d.put("content", List.of("all"));
        d.put("endpoints", new ArrayList<>(List.of(map("kind", "file"))));
        destinations.put(id, d);
        return d;
    }

    /** A source with origin DE and no default TLP. */
    Map<String, Object> source(String id, String... communities) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", id);
        s.put("origin", "DE");
        s.put("communities", List.of(communities));
        sources.put(id, s);
        return s;
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            YAML.writeValue(dir.resolve("jurisdictions.yaml").toFile(), map("jurisdictions", jurisdictions));
            YAML.writeValue(dir.resolve("destinations.yaml").toFile(), map("destinations", destinations));
            YAML.writeValue(dir.resolve("sources.yaml").toFile(), map("sources", sources));
            YAML.writeValue(dir.resolve("policy.yaml").toFile(), policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Policy load(Path dir) {
        write(dir);
        return loader().load(dir);
    }

    PolicyLoader loader() {
        Map<String, String> env = key == null ? Map.of() : Map.of(KEY_VARIABLE, key);
        return new PolicyLoader(PolicyTestSupport.SCHEMAS, env::get);
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.Mappings;
import io.ctiflow.misp.MispConversion;
import io.ctiflow.misp.MispToStix;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
/** The shipped policies, real samples converted to STIX, and bundle helpers for policy tests. */
final class PolicyTestSupport {

    static final Path POLICIES = Path.of("policies");
    static final Path SCHEMAS = POLICIES.resolve("schema");
    static final String KEY = "test-pseudonymisation-key";

    private PolicyTestSupport() {
    }

    /** The shipped example policy, with a pseudonymisation key as if from the environment. */
    static Policy shippedPolicy() {
        return new PolicyLoader(SCHEMAS, Map.of("CTIFLOW_PSEUDONYMISATION_KEY", KEY)::get).load(POLICIES);
    }

    static List<StixObject> misp(String sample) throws IOException {
        JsonNode doc = Stix.mapper().readTree(Path.of("ctiflow-app/src/test/resources/data/misp", sample).toFile());
        List<StixObject> all = new ArrayList<>();
        for (MispConversion c : new MispToStix(Path.of("mappings/misp")).convertDocument(doc)) {
            all.addAll(c.objects());
        }
        return all;
    }

    static List<StixObject> csv(String feed, String file) throws IOException {
        List<StixObject> all = new ArrayList<>();
        Mappings mappings = new Mappings(Path.of("mappings"));
        try (InputStream in = Files.newInputStream(Path.of("ctiflow-app/src/test/resources/data/csv", file));
             FeedConverter converter = new FeedConverter(in, file, mappings.feed(feed), mappings.toStix(), 100_000)) {
            while (converter.hasNext()) {
                Batch batch = converter.next();
                for (StixObject o : batch.objects()) {
                    if (all.stream().noneMatch(x -> x.id().equals(o.id()))) {
                        all.add(o);
                    }
                }
            }
        }
        return all;
    }

    static StixObject object(String json) {
        try {
            return StixObject.of((ObjectNode) Stix.mapper().readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode bundle(List<StixObject> objects) {
        ObjectNode bundle = Stix.mapper().createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        ArrayNode array = bundle.putArray("objects");
        objects.forEach(o -> array.add(o.tree()));
        return bundle;
    }

    static String serialised(List<StixObject> objects) {
        StringBuilder s = new StringBuilder();
        objects.forEach(o -> s.append(new String(o.json(), StandardCharsets.UTF_8)).append('\n'));
        return s.toString();
    }
}

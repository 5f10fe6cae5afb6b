package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixBundleReader;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import io.ctiflow.stix.validation.StixValidator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import static io.ctiflow.policy.PolicyInvariantsProperties.pick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hostile and sloppy input against the shipped policies: real URLhaus and Shadowserver objects bent by one to
 * three random mutations (every marking, reference and provenance property given a wrong JSON type, duplicated
 * keys, forged standard TLP definitions, e-mail addresses written defanged or encoded, a laxer source claimed,
 * self-references), serialised and read back through the readers every input uses, then fanned out to every
 * shipped destination. Whatever the mutation, nothing RED, nothing above a destination's TLP, nothing invalid and
 * no raw personal data leaves, and the filter's "invalid" is exactly what {@code ctiflow validate} rejects.
 * Tries: jqwik's default (1,000); {@code -Djqwik.tries.default=10000} for a long run.
 */
class HostileInputProperties {

    private static final Set<String> RED_IDS = Set.of(Tlp.RED.markingId(), Stx.TLP1_RED);
    private static final List<String> STANDARD_IDS = List.of(Tlp.CLEAR.markingId(), Tlp.GREEN.markingId(), Tlp.AMBER.markingId(),
            Tlp.AMBER_STRICT.markingId(), Tlp.RED.markingId(), Stx.TLP1_WHITE, Stx.TLP1_GREEN, Stx.TLP1_AMBER, Stx.TLP1_RED);
    private static final List<String> WRITTEN = List.of("%s [at] %s [dot] %s", "%s(at)%s.%s", "%s%%40%s.%s", "%s&#64;%s.%s",
            "%s＠%s．%s", "%s[@]%s[.]%s", "%s@%s[.]%s", "%s {at} %s {dot} %s", "%s&#x40;%s.%s");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static Policy policy;
    private static List<ObjectNode> urlhaus;
    private static List<ObjectNode> shadowserver;
    private static final StixValidator VALIDATOR = new StixValidator();

    @BeforeContainer
    static void realObjects() throws IOException {
        policy = PolicyTestSupport.shippedPolicy();
        urlhaus = trees(PolicyTestSupport.csv("urlhaus", "urlhaus-recent-test-rows.csv"));
        shadowserver = trees(PolicyTestSupport.csv("shadowserver-sinkhole-http", "shadowserver-event4-sinkhole-http.csv"));
    }

    private static List<ObjectNode> trees(List<StixObject> objects) {
        List<ObjectNode> trees = new ArrayList<>();
        objects.stream().filter(o -> !o.type().equals("marking-definition") && !o.type().equals("extension-definition"))
                .forEach(o -> trees.add(o.tree().deepCopy()));
        return trees;
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property
    void nothingRedUnreadableOrRawPersonalLeaves(@ForAll("seeds") long seed) {
        Random random = new Random(seed);
        Scenario s = new Scenario(random);
        byte[] serialised = s.serialise(random);
        List<StixObject> read;
        try {
            read = StixBundleReader.read(new ByteArrayInputStream(serialised), "seed " + seed);
        } catch (IOException e) {
            assertThat(s.duplicatedKey).as("seed %d: only duplicated keys make the reader refuse: %s", seed, e.getMessage()).isTrue();
            assertThat(e.getMessage()).contains("Duplicate field");
            Statistics.label("read").collect("refused (duplicate key)");
            return;
        }
        assertThat(s.duplicatedKey).as("seed %d: a duplicated key must not be read", seed).isFalse();
        Statistics.label("read").collect("read");
        Map<String, FilterResult> results = new JurisdictionFilter(policy, DecisionListener.NONE)
                .fanOut(read, new InputContext(s.source, null), policy.destinations());
        for (FilterResult r : results.values()) {
            check("seed " + seed + ", " + r.destination().id() + ", mutations " + s.mutations, s, read, r);
            Statistics.label("outcome").collect(r.objects().stream().anyMatch(o -> s.ids.contains(o.id())) ? "some shared" : "none shared");
        }
    }

    private static void check(String what, Scenario s, List<StixObject> input, FilterResult r) {
        Destination d = r.destination();
        Map<String, StixObject> in = new HashMap<>();
        input.forEach(o -> in.put(o.id(), o));
        for (StixObject out : r.objects()) {
            String text = new String(out.json(), StandardCharsets.UTF_8);
            for (String red : RED_IDS) {
                assertThat(text).as("%s: %s carries TLP:RED", what, out.id()).doesNotContain(red);
            }
            for (String written : s.plantedPersonal) {
                assertThat(text).as("%s: %s carries raw personal data", what, out.id()).doesNotContain(written);
            }
            assertThat(VALIDATOR.objectErrors(out.tree())).as("%s: %s leaves invalid", what, out.id()).isEmpty();
            Tlp.standardDefinition(out.id()).ifPresent(standard ->
                    assertThat(out.tree()).as("%s: a standard id leaves with another body", what).isEqualTo(standard));
            for (JsonNode ref : out.tree().path("object_marking_refs")) {
                Tlp.fromStandardMarkingId(ref.asText()).ifPresent(level ->
                        assertThat(level.isMoreRestrictiveThan(d.maxTlp())).as("%s: %s above %s", what, out.id(), d.maxTlp()).isFalse());
            }
            if (s.forgedRed && out.tree().path("object_marking_refs").toString().contains(s.forgedId)) {
                fail(what + ": " + out.id() + " is marked with a standard id the bundle defined as RED, and left");
            }
            if (s.source.equals("shadowserver-sinkhole-http") && d.trust() < policy.source(s.source).orElseThrow().minTrust()
                    && s.ids.contains(out.id())) {
                fail(what + ": " + out.id() + " came in as Shadowserver and reached " + d.id() + ", trusted below the source's minimum");
            }
        }
        // per id (a bundle may carry two bodies under one id): as many "invalid" decisions as objects validate rejects
        Map<String, Integer> invalidObjects = new HashMap<>();
        input.forEach(o -> invalidObjects.merge(o.id(), VALIDATOR.objectErrors(o.tree()).isEmpty() ? 0 : 1, Integer::sum));
        Map<String, Integer> invalidDecisions = new HashMap<>();
        r.decisions().forEach(x -> invalidDecisions.merge(x.objectId(), x.rule().equals(InvalidRule.NAME) ? 1 : 0, Integer::sum));
        assertThat(invalidDecisions).as("%s: filter and validate disagree on what is invalid: %s", what, r.decisions()).isEqualTo(invalidObjects);
    }

    /** One bundle: a few real objects, some of them bent. */
    private static final class Scenario {

        final List<ObjectNode> objects = new ArrayList<>();
        final List<String> mutations = new ArrayList<>();
        final List<String> plantedPersonal = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        String source;
        boolean duplicatedKey;
        boolean forgedRed;
        String forgedId;
        private String duplicateAnchor;
        private String duplicateText;

        Scenario(Random random) {
            boolean victims = random.nextInt(4) == 0;
            List<ObjectNode> pool = victims ? shadowserver : urlhaus;
            source = victims ? "shadowserver-sinkhole-http" : random.nextInt(3) == 0 ? "shadowserver-sinkhole-http" : "urlhaus";
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                ObjectNode o = pick(random, pool).deepCopy();
                if (ids.add(o.path("id").asText())) {
                    objects.add(o);
                }
            }
            if (random.nextInt(3) == 0) {
                Stx.marked(objects.get(0), pick(random, List.of(Tlp.RED.markingId(), Stx.TLP1_RED)));
                mutations.add("marked RED");
            }
            int m = 1 + random.nextInt(3);
            for (int i = 0; i < m; i++) {
                ObjectNode target = pick(random, objects);
                Mutation mutation = pick(random, MUTATIONS);
                mutations.add(mutation.name);
                mutation.apply.accept(this, new Target(target, random));
            }
        }

        byte[] serialise(Random random) {
            ObjectNode bundle = F.objectNode();
            bundle.put("type", "bundle");
            bundle.put("id", "bundle--" + new UUID(random.nextLong(), random.nextLong()));
            ArrayNode array = bundle.putArray("objects");
            objects.forEach(array::add);
            String text = bundle.toString();
            if (duplicateText != null) {
                // a second value for a property the object already has: JSON that a lenient reader reads last-wins
                int at = text.indexOf(duplicateAnchor) + duplicateAnchor.length();
                text = text.substring(0, at) + duplicateText + text.substring(at);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private record Target(ObjectNode object, Random random) {
    }

    private record Mutation(String name, BiConsumer<Scenario, Target> apply) {
    }

    /** The object's provenance extension as an object (an earlier mutation may have given it another type). */
    private static ObjectNode provenance(ObjectNode o) {
        ObjectNode extensions = o.withObjectProperty("extensions");
        if (!extensions.path(CtiflowExtension.ID).isObject()) {
            extensions.putObject(CtiflowExtension.ID).put("extension_type", "property-extension").put("source", "urlhaus");
        }
        return (ObjectNode) extensions.get(CtiflowExtension.ID);
    }

    private static JsonNode wrongType(Random random, String likelyValue) {
        return pick(random, List.of(F.textNode(likelyValue), F.numberNode(42), F.booleanNode(true), F.objectNode().put("id", likelyValue),
                F.arrayNode().add(42), F.arrayNode().add(F.arrayNode().add(likelyValue)), F.arrayNode(), F.nullNode(),
                F.arrayNode().add(F.objectNode().put("id", likelyValue))));
    }

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("object_marking_refs of a wrong type", (s, t) ->
                    t.object().set("object_marking_refs", wrongType(t.random(), pick(t.random(), STANDARD_IDS)))),
            new Mutation("granular_markings of a wrong type", (s, t) -> t.object().set("granular_markings", pick(t.random(), List.of(
                    wrongType(t.random(), Tlp.RED.markingId()),
                    F.arrayNode().add(F.objectNode().put("marking_ref", Tlp.RED.markingId()).put("selectors", "pattern")),
                    F.arrayNode().add(F.objectNode().put("marking_ref", 5).set("selectors", F.arrayNode().add("pattern"))))))),
            new Mutation("created_by_ref of a wrong type", (s, t) ->
                    t.object().set("created_by_ref", wrongType(t.random(), "identity--7b82b010-b78c-4ee6-a19f-8e4c2ff7a5f9"))),
            new Mutation("provenance of a wrong type", (s, t) -> {
                ObjectNode ext = provenance(t.object());
                String property = pick(t.random(), List.of("source", "personal_data", "misp_distribution", "origin_jurisdiction",
                        "misp_sharing_group", "extension_type"));
                ext.set(property, wrongType(t.random(), property.equals("misp_distribution") ? "0" : "urlhaus"));
            }),
            new Mutation("provenance extension not an object", (s, t) ->
                    t.object().withObjectProperty("extensions").set(CtiflowExtension.ID, wrongType(t.random(), "urlhaus"))),
            new Mutation("forged standard definition", (s, t) -> {
                String id = pick(t.random(), STANDARD_IDS);
                Tlp stated = pick(t.random(), List.of(Tlp.values()));
                ObjectNode forged = stated.markingDefinition();
                forged.put("id", id);
                if (t.random().nextBoolean() && Tlp.isTlp1MarkingId(id)) {
                    forged = Tlp.standardDefinition(id).orElseThrow();
                    ((ObjectNode) forged.get("definition")).put("tlp", stated == Tlp.CLEAR ? "white" : stated.level().replace("+strict", ""));
                }
                s.objects.add(0, forged);
                t.object().remove("object_marking_refs");
                Stx.marked(t.object(), id);
                if (stated == Tlp.RED || Tlp.statedBy(forged).orElse(Tlp.CLEAR) == Tlp.RED) {
                    s.forgedRed = true;
                    s.forgedId = id;
                }
            }),
            new Mutation("e-mail address written defanged or encoded", (s, t) -> {
                String user = pick(t.random(), List.of("jane.doe", "ops-team", "m.rossi", "helpdesk"));
                String written = String.format(pick(t.random(), WRITTEN), user, pick(t.random(), List.of("example", "victim-corp", "mail")),
                        pick(t.random(), List.of("org", "com", "de")));
                s.plantedPersonal.add(written);
                String property = t.object().path("type").asText().equals("indicator") ? "description" : "x_note";
                t.object().put(property, pick(t.random(), List.of("contact ", "reported by ", "")) + written + pick(t.random(), List.of("", " for details", ".")));
            }),
            new Mutation("duplicated key", (s, t) -> {
                s.duplicatedKey = true;
                String name = pick(t.random(), List.of("object_marking_refs", "id", "extensions", "pattern"));
                if (!t.object().has(name)) {
                    t.object().set(name, name.equals("extensions") ? F.objectNode() : F.arrayNode().add(Tlp.RED.markingId()));
                }
                JsonNode second = switch (name) {
                    case "id" -> F.textNode("indicator--00000000-0000-4000-8000-000000000001");
                    case "extensions" -> F.objectNode();
                    case "pattern" -> F.textNode("[url:value = 'http://harmless.example/']");
                    default -> F.arrayNode().add(Tlp.CLEAR.markingId());
                };
                // right after the object's own id: the object then names the property twice
                s.duplicateAnchor = "\"id\":\"" + t.object().path("id").asText() + "\"";
                s.duplicateText = ",\"" + name + "\":" + second;
            }),
            new Mutation("laxer source claimed", (s, t) -> {
                provenance(t.object()).put("source", "urlhaus");
                s.source = "shadowserver-sinkhole-http";
            }),
            new Mutation("object refers to itself", (s, t) -> {
                ObjectNode loop = Stx.relationship("related-to", t.object(), t.object());
                Stx.prov(loop, "urlhaus", "CH");
                s.objects.add(loop);
                s.ids.add(loop.path("id").asText());
            }));
}

package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random policies and random bundles (markings, provenance, MISP distribution, personal data) fanned
 * out to every destination; the invariants of the jurisdiction filter must hold for each. A scenario
 * is built from one seed, so a failure names the seed that reproduces it.
 */
class PolicyInvariantsProperties {

    private static final List<String> COUNTRIES = List.of("DE", "FR", "US", "CN", "RU", "ZZ");
    private static final List<String> CODES = List.of("EU", "US", "CN", "RU");
    private static final List<String> COMMUNITIES = List.of("c1", "c2", "c3");
    private static final List<String> ACTIONS = List.of("keep", "drop", "redact", "pseudonymise", "generalise");
    private static final List<String> CLASSES = List.of(PersonalValue.EMAIL, PersonalValue.NAME, PersonalValue.PHONE,
            PersonalValue.ACCOUNT, PersonalValue.IP);
    private static final List<String> CONTENT = List.of("indicators", "observables", "threat-intel", "reports", "sightings", "identities");
    private static final List<String> MARKINGS = List.of(Tlp.CLEAR.markingId(), Tlp.GREEN.markingId(), Tlp.AMBER.markingId(),
            Tlp.AMBER_STRICT.markingId(), Tlp.RED.markingId(), Stx.TLP1_WHITE, Stx.TLP1_GREEN, Stx.TLP1_AMBER, Stx.TLP1_RED);
    private static final List<String> FIRST = List.of("Anna", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiroshi");
    private static final List<String> LAST = List.of("Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quintero");

    private Path root;
    private int run;

    @BeforeProperty
    void createRoot() throws IOException {
        root = Files.createTempDirectory("policy-properties");
    }

    @AfterProperty
    void deleteRoot() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 120)
    void everyDestinationReceivesOnlyWhatThePolicyAllows(@ForAll("seeds") long seed) {
        Random random = new Random(seed);
        Policy policy = randomPolicy(random).load(root.resolve("p" + run++));
        Scenario s = new Scenario(random);
        List<StixObject> input = s.bundle();
        Map<String, FilterResult> results = new JurisdictionFilter(policy, DecisionListener.NONE)
                .fanOut(input, InputContext.NONE, policy.destinations());
        for (FilterResult r : results.values()) {
            new Check("seed " + seed, policy, s.personal, input, InputContext.NONE, r).all();
            // shows in the jqwik report that the invariants were exercised, not vacuously true
            Statistics.label("outcomes").collect(r.count(Outcome.SHARED) > 0 ? "some shared" : "none shared",
                    r.count(Outcome.REDACTED) > 0 ? "some redacted" : "none redacted");
        }
    }

    // ---- random policies

    private static TestPolicy randomPolicy(Random random) {
        TestPolicy p = TestPolicy.basic();
        p.jurisdictions.clear();
        Map<String, List<String>> members = Map.of("EU", List.of("DE", "FR"), "US", List.of("US"), "CN", List.of("CN"), "RU", List.of("RU"));
        for (String code : CODES) {
            Map<String, Object> j = p.jurisdiction(code, members.get(code).toArray(String[]::new));
            j.put("localisation", randomLocalisation(random));
            j.put("personal_data", random.nextBoolean() ? TestPolicy.map("transfers_to", "any")
                    : TestPolicy.map("transfers_to", subset(random, CODES), "otherwise", pick(random, List.of("redact", "pseudonymise", "generalise", "drop"))));
        }
        if (random.nextBoolean()) {
            p.policy.put("unlisted_origins", TestPolicy.map("localisation", randomLocalisation(random)));
        }
        p.policy.put("attribution_min_trust", pick(random, List.of("none", "low", "medium", "high")));
        p.policy.put("defaults", TestPolicy.map("personal_data", TestPolicy.map("default", pick(random, ACTIONS)),
                "provenance", pick(random, List.of("strip", "reduce", "keep"))));
        List<String> destinations = new ArrayList<>();
        int n = 2 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String id = "d" + i;
            destinations.add(id);
            Map<String, Object> d = p.destination(id, pick(random, CODES), often(random, COMMUNITIES).toArray(String[]::new));
            d.put("trust", pick(random, List.of("none", "low", "medium", "high")));
            d.put("max_tlp", pick(random, List.of("clear", "green", "amber", "amber+strict")));
            if (random.nextInt(3) == 0) {
                List<String> content = subset(random, CONTENT);
                d.put("content", content.isEmpty() ? List.of("indicators") : content);
            }
            Map<String, Object> personal = new LinkedHashMap<>();
            for (String c : CLASSES) {
                if (random.nextBoolean()) {
                    personal.put(c, pick(random, ACTIONS));
                }
            }
            if (random.nextBoolean()) {
                personal.put("default", pick(random, ACTIONS));
            }
            if (!personal.isEmpty()) {
                d.put("personal_data", personal);
            }
            if (random.nextInt(3) == 0) {
                d.put("attribution", random.nextBoolean());
            }
            if (random.nextBoolean()) {
                d.put("provenance", pick(random, List.of("strip", "reduce", "keep")));
            }
            d.put("resale", random.nextInt(4) == 0);
            d.put("endpoints", List.of(pick(random, List.of(TestPolicy.map("kind", "file"),
                    TestPolicy.map("kind", "webhook", "url", "https://partner.example/in"),
                    TestPolicy.map("kind", "webhook", "url", "http://partner.example/in")))));
        }
        for (String id : List.of("s0", "s1")) {
            Map<String, Object> s = p.source(id, often(random, COMMUNITIES).toArray(String[]::new));
            if (random.nextInt(4) > 0) {
                s.put("default_tlp", pick(random, List.of("clear", "white", "green", "green", "amber", "amber+strict", "red")));
            }
            if (random.nextInt(4) == 0) {
                s.remove("origin");
            } else {
                s.put("origin", pick(random, COUNTRIES));
            }
            s.put("amber_to", random.nextBoolean() ? destinations : subset(random, destinations));
            s.put("amber_strict_to", subset(random, destinations));
            if (random.nextInt(4) == 0) {
                s.put("min_trust", pick(random, List.of("none", "low", "medium", "high")));
            }
            s.put("misp", TestPolicy.map("this_community", subset(random, COMMUNITIES), "connected_communities", subset(random, COMMUNITIES),
                    "sharing_groups", TestPolicy.map("sg-1", subset(random, destinations))));
        }
        if (random.nextInt(5) == 0) {
            p.policy.put("embargo", TestPolicy.map("destinations", List.of(pick(random, destinations)),
                    "jurisdictions", random.nextBoolean() ? List.of() : List.of(pick(random, CODES))));
        }
        p.key = random.nextInt(5) == 0 ? null : "key-" + random.nextInt(3);
        return p;
    }

    private static Map<String, Object> randomLocalisation(Random random) {
        String rule = pick(random, List.of("free", "free", "free", "stay", "only_to"));
        Map<String, Object> l = TestPolicy.map("rule", rule);
        if (rule.equals("only_to")) {
            l.put("to", subset(random, CODES));
        }
        if (!rule.equals("free") && random.nextBoolean()) {
            l.put("applies_to", pick(random, List.of("all", "personal_data")));
        }
        return l;
    }

    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Each element with probability 2/3. */
    static <T> List<T> often(Random random, List<T> list) {
        List<T> out = new ArrayList<>();
        for (T t : list) {
            if (random.nextInt(3) > 0) {
                out.add(t);
            }
        }
        return out;
    }

    /** Each element with probability 1/3. */
    static <T> List<T> subset(Random random, List<T> list) {
        List<T> out = new ArrayList<>();
        for (T t : list) {
            if (random.nextInt(3) == 0) {
                out.add(t);
            }
        }
        return out;
    }

    // ---- random bundles

    /** One random bundle and the personal values planted in it (value -> class, only where ctiflow can recognise them). */
    static final class Scenario {

        final Random random;
        final List<ObjectNode> objects = new ArrayList<>();
        final Map<String, String> personal = new LinkedHashMap<>();
        private int serial;

        Scenario(Random random) {
            this.random = random;
        }

        List<StixObject> bundle() {
            int n = 3 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                add(randomObject());
            }
            if (random.nextBoolean()) {
                objects.add(0, Tlp.values()[random.nextInt(Tlp.values().length)].markingDefinition());
            }
            if (random.nextBoolean()) {
                iep();
            }
            List<ObjectNode> organisations = objects.stream().filter(o -> o.path("identity_class").asText().equals("organization")).toList();
            for (ObjectNode o : objects) {
                if (!organisations.isEmpty() && o.has("created") && !o.path("type").asText().equals("identity") && random.nextInt(3) == 0) {
                    o.put("created_by_ref", pick(random, organisations).path("id").asText());
                }
            }
            List<StixObject> list = new ArrayList<>();
            objects.forEach(o -> list.add(StixObject.of(o)));
            return list;
        }

        /** An IEP 2.0 marking definition with random terms, applied to some objects. */
        private void iep() {
            ObjectNode iep = IepRuleTest.iep(pick(random, List.of("may", "must", "must-not")), pick(random, List.of("may", "must")),
                    pick(random, List.of("may", "must-not")), random.nextBoolean() ? null : pick(random, List.of("clear", "green", "amber", "red")));
            for (ObjectNode o : objects) {
                if (!o.path("type").asText().equals("marking-definition") && random.nextInt(3) == 0) {
                    Stx.marked(o, iep.path("id").asText());
                }
            }
            objects.add(0, iep);
        }

        private void add(ObjectNode o) {
            if (o == null || objects.stream().anyMatch(x -> x.path("id").equals(o.path("id")))) {
                return;
            }
            decorate(o);
            objects.add(o);
        }

        private ObjectNode randomObject() {
            int k = random.nextInt(11);
            return switch (k) {
                case 0, 1 -> indicator();
                case 2 -> {
                    ObjectNode e = Stx.email(email(true));
                    if (random.nextBoolean()) {
                        String name = pick(random, FIRST) + " " + pick(random, LAST) + serial++;
                        personal.put(name, PersonalValue.NAME);
                        e.put("display_name", name);
                    }
                    yield e;
                }
                case 3 -> ipObject();
                case 4 -> {
                    String account = "acct" + (1000 + serial++);
                    personal.put(account, PersonalValue.ACCOUNT);
                    yield Stx.account(account);
                }
                case 5 -> identity();
                case 6 -> {
                    ObjectNode ta = Stx.threatActor("Actor " + (char) ('A' + random.nextInt(26)) + serial++);
                    maybeDescribe(ta);
                    yield ta;
                }
                case 7 -> relationship();
                case 8 -> report();
                case 9 -> sighting();
                default -> {
                    ObjectNode m = Stx.malware("Malware" + serial++);
                    maybeDescribe(m);
                    yield m;
                }
            };
        }

        private String email(boolean known) {
            String e = pick(random, FIRST).toLowerCase() + "." + (100 + serial++) + "@corp-" + random.nextInt(5) + ".example.org";
            personal.put(e, PersonalValue.EMAIL);
            return e;
        }

        private String internalIp() {
            String ip = pick(random, List.of("10.1.", "192.168.", "172.16.")) + random.nextInt(250) + "." + (100 + serial++ % 100);
            personal.put(ip, PersonalValue.IP);
            return ip;
        }

        private String phone() {
            String p = "+49 30 " + (5550000 + serial++);
            personal.put(p, PersonalValue.PHONE);
            return p;
        }

        private ObjectNode indicator() {
            String pattern = switch (random.nextInt(6)) {
                case 0 -> "[ipv4-addr:value = '" + internalIp() + "']";
                case 5 -> {
                    String v6 = "fd12:3456:" + Integer.toHexString(0x1000 + serial++) + ":1::" + Integer.toHexString(0x100 + random.nextInt(0xe00));
                    personal.put(v6, PersonalValue.IP);
                    yield "[ipv6-addr:value = '" + v6 + "']";
                }
                case 1 -> "[ipv4-addr:value = '203.0.113." + (1 + random.nextInt(200)) + "']";
                case 2 -> "[email-addr:value = '" + email(true) + "']";
                case 3 -> "[url:value = 'http://bad" + serial++ + ".example.net/x']";
                default -> "[domain-name:value = 'bad" + serial++ + ".example.net']";
            };
            ObjectNode o = Stx.indicator(pattern);
            maybeDescribe(o);
            return o;
        }

        private ObjectNode ipObject() {
            if (random.nextBoolean()) {
                return Stx.ipv4(internalIp());
            }
            ObjectNode ip = Stx.ipv4("198.51.100." + (100 + serial++ % 100));
            if (random.nextBoolean()) {
                // the source says this public address is a victim's
                Stx.prov(ip, "s0", null);
                Stx.ext(ip).putArray("personal_data").add(PersonalValue.IP);
                personal.put(ip.path("value").asText(), PersonalValue.IP);
            }
            return ip;
        }

        private ObjectNode identity() {
            if (random.nextBoolean()) {
                String name = pick(random, FIRST) + " " + pick(random, LAST) + serial++;
                personal.put(name, PersonalValue.NAME);
                ObjectNode person = Stx.identity(name, "individual");
                if (random.nextBoolean()) {
                    person.put("contact_information", phone());
                }
                return person;
            }
            return Stx.identity("Organisation " + serial++, "organization");
        }

        private void maybeDescribe(ObjectNode o) {
            if (random.nextInt(3) > 0) {
                return;
            }
            List<String> known = new ArrayList<>(personal.keySet());
            String planted = switch (random.nextInt(3)) {
                case 0 -> email(true);
                case 1 -> phone();
                default -> known.isEmpty() ? phone() : pick(random, known);
            };
            o.put("description", "Reported by " + planted + " during triage");
            if (random.nextInt(3) == 0) {
                ObjectNode g = o.putArray("granular_markings").addObject();
                g.put("marking_ref", pick(random, MARKINGS));
                g.putArray("selectors").add("description");
            }
        }

        private List<ObjectNode> sdos() {
            List<ObjectNode> sdos = new ArrayList<>();
            for (ObjectNode o : objects) {
                String t = o.path("type").asText();
                if (!t.equals("marking-definition") && !t.equals("relationship") && !t.equals("sighting") && !t.equals("report")) {
                    sdos.add(o);
                }
            }
            return sdos;
        }

        private ObjectNode relationship() {
            List<ObjectNode> sdos = sdos();
            if (sdos.size() < 2) {
                return null;
            }
            List<ObjectNode> actors = sdos.stream().filter(o -> o.path("type").asText().equals("threat-actor")).toList();
            if (!actors.isEmpty() && random.nextBoolean()) {
                return Stx.relationship("attributed-to", pick(random, sdos), pick(random, actors));
            }
            return Stx.relationship(pick(random, List.of("related-to", "indicates", "uses")), pick(random, sdos), pick(random, sdos));
        }

        private ObjectNode report() {
            List<ObjectNode> candidates = new ArrayList<>(objects);
            candidates.removeIf(o -> o.path("type").asText().equals("marking-definition"));
            List<ObjectNode> refs = subset(random, candidates);
            if (refs.isEmpty()) {
                return null;
            }
            ObjectNode r = Stx.report("Report " + serial++, refs.toArray(ObjectNode[]::new));
            maybeDescribe(r);
            return r;
        }

        private ObjectNode sighting() {
            List<ObjectNode> sdos = sdos().stream().filter(o -> o.has("created")).toList();
            if (sdos.isEmpty()) {
                return null;
            }
            ObjectNode s = Stx.sighting(pick(random, sdos));
            List<ObjectNode> where = sdos().stream().filter(o -> o.path("type").asText().equals("identity")).toList();
            if (!where.isEmpty() && random.nextBoolean()) {
                s.putArray("where_sighted_refs").add(pick(random, where).path("id").asText());
            }
            return s;
        }

        private void decorate(ObjectNode o) {
            int m = random.nextInt(6);
            if (m > 1) {
                Stx.marked(o, pick(random, List.of(Tlp.CLEAR.markingId(), Tlp.GREEN.markingId(), Stx.TLP1_WHITE, Stx.TLP1_GREEN)));
            } else if (m > 0) {
                Stx.marked(o, pick(random, MARKINGS));
                if (m == 4) {
                    Stx.marked(o, pick(random, MARKINGS));
                }
            }
            if (random.nextInt(12) > 0) {
                String source = pick(random, List.of("s0", "s0", "s0", "s1", "s1", "s1", "unknown-feed"));
                String origin = random.nextInt(3) == 0 ? null : pick(random, List.of("DE", "FR", "DE", "US", "CN", "RU", "ZZ"));
                ObjectNode ext = Stx.ext(o);
                ext.put("source", source);
                if (origin != null) {
                    ext.put("origin_jurisdiction", origin);
                }
                if (random.nextInt(5) == 0) {
                    int distribution = random.nextInt(5);
                    ext.put("misp_distribution", distribution);
                    if (distribution == 4 && random.nextInt(4) > 0) {
                        ext.put("misp_sharing_group", random.nextInt(3) == 0 ? "sg-unknown" : "sg-1");
                    }
                }
            } else if (o.path("extensions").has(CtiflowExtension.ID)) {
                // a victim IP keeps the provenance that flags it
                Stx.ext(o).put("source", pick(random, List.of("s0", "s1")));
            }
        }
    }

    // ---- the invariants, for one destination

    static final class Check {

        private final String label;
        private final Policy policy;
        private final Map<String, String> personal;
        private final InputContext context;
        private final Destination d;
        private final FilterResult r;
        private final Map<String, ObjectNode> in = new LinkedHashMap<>();
        private final Map<String, ObjectNode> out = new LinkedHashMap<>();
        private final Map<String, Decision> decisions = new HashMap<>();
        private final Map<String, JsonNode> ieps = new HashMap<>();
        private final Set<String> hiddenProviders = new HashSet<>();
        private final String serialised;

        /** @param personal personal values planted in the input (value -> class), checked against the destination's actions */
        Check(String label, Policy policy, Map<String, String> personal, List<StixObject> input, InputContext context, FilterResult r) {
            this.label = label;
            this.context = context;
            this.policy = policy;
            this.personal = personal;
            this.d = r.destination();
            this.r = r;
            input.forEach(o -> in.put(o.id(), o.tree()));
            in.values().forEach(o -> {
                for (JsonNode e : o.path("extensions")) {
                    if (e.has("iep_version")) {
                        ieps.put(o.path("id").asText(), e);
                    }
                }
            });
            in.values().forEach(o -> {
                if (o.has("created_by_ref") && iepOf(o, "provider_attribution", "must-not")) {
                    hiddenProviders.add(o.path("created_by_ref").asText());
                }
            });
            r.objects().forEach(o -> out.put(o.id(), o.tree()));
            r.decisions().forEach(x -> decisions.put(x.objectId(), x));
            serialised = PolicyTestSupport.serialised(r.objects());
        }

        private String what(String detail) {
            return label + ", destination " + d.id() + ": " + detail + "\noutput: " + serialised + "\ndecisions: " + r.decisions();
        }

        void all() {
            if (policy.embargoed(d)) {
                assertThat(r.objects()).as(what("embargoed destination")).isEmpty();
            }
            for (ObjectNode o : in.values()) {
                String type = o.path("type").asText();
                if (Policy.SUPPORT_TYPES.contains(type) || o.path("id").asText().equals(CtiflowExtension.IDENTITY_ID)) {
                    continue;
                }
                String forbidden = forbidden(o);
                Decision decision = decisions.get(o.path("id").asText());
                assertThat(decision).as(what("no decision for " + o.path("id").asText())).isNotNull();
                if (forbidden != null) {
                    assertThat(out).as(what(forbidden + ": " + o)).doesNotContainKey(o.path("id").asText());
                    assertThat(decision.outcome()).as(what(forbidden + ": " + o)).isEqualTo(Outcome.WITHHELD);
                }
                audited(o, decision);
            }
            personalDataGone();
            references();
            if (!r.isEmpty()) {
                StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), what("schemas"));
            }
        }

        /** Why the policy forbids this object for the destination (invariants a and b), or null when it may go. */
        private String forbidden(ObjectNode o) {
            JsonNode ext = o.path("extensions").path(CtiflowExtension.ID);
            SourcePolicy source = policy.source(ext.path("source").asText(context.source())).orElse(null);
            if (hiddenProviders.contains(o.path("id").asText())) {
                return "provider hidden by IEP";
            }
            Tlp tlp = null;
            Tlp iepTlp = null;
            for (JsonNode m : o.path("object_marking_refs")) {
                JsonNode iep = ieps.get(m.asText());
                if (iep != null) {
                    Tlp t = Tlp.parse(iep.path("tlp").asText(null)).orElse(null);
                    if (t != null && (iepTlp == null || t.isMoreRestrictiveThan(iepTlp))) {
                        iepTlp = t;
                    }
                    continue;
                }
                Tlp t = tlpOf(m.asText());
                if (tlp == null || t.isMoreRestrictiveThan(tlp)) {
                    tlp = t;
                }
            }
            if (tlp == null) {
                tlp = iepTlp;
            }
            if (iepOf(o, "encrypt_in_transit", "must") && !d.allEndpointsEncrypted()) {
                return "IEP encrypt_in_transit to an unencrypted endpoint";
            }
            if (iepOf(o, "unmodified_resale", "must-not") && d.resale()) {
                return "IEP unmodified_resale to a reseller";
            }
            if (tlp == null && source != null) {
                tlp = source.defaultTlp();
            }
            if (tlp == Tlp.RED) {
                return "TLP:RED";
            }
            if (source == null) {
                return "unconfigured source";
            }
            if (tlp == null) {
                return "no TLP";
            }
            if (policy.embargoed(d)) {
                return "embargo";
            }
            if (tlp.isMoreRestrictiveThan(d.maxTlp())) {
                return "above max_tlp";
            }
            if (tlp == Tlp.GREEN && !d.inAnyOf(source.communities())) {
                return "GREEN outside the communities";
            }
            if (tlp == Tlp.AMBER && !source.amberTo().contains(d.id())) {
                return "AMBER not listed";
            }
            if (tlp == Tlp.AMBER_STRICT && !source.amberStrictTo().contains(d.id())) {
                return "AMBER+STRICT not listed";
            }
            if (d.trust() < source.minTrust()) {
                return "below the source's min_trust";
            }
            int distribution = ext.path("misp_distribution").asInt(-1);
            String group = ext.path("misp_sharing_group").asText(null);
            if (distribution == 0) {
                return "MISP distribution 0";
            }
            if (distribution == 1 && !d.inAnyOf(source.mispThisCommunity())) {
                return "MISP this community";
            }
            if (distribution == 2 && !d.inAnyOf(source.mispThisCommunity()) && !d.inAnyOf(source.mispConnectedCommunities())) {
                return "MISP connected communities";
            }
            if (distribution == 4 && (group == null || !source.sharingGroups().getOrDefault(group, Set.of()).contains(d.id()))) {
                return "MISP sharing group";
            }
            String origin = ext.path("origin_jurisdiction").asText(context.origin() != null ? context.origin() : source.origin());
            if (origin == null) {
                return "no origin";
            }
            Jurisdiction j = policy.jurisdictionOfOrigin(origin).orElse(null);
            if (j == null) {
                return "unlisted origin";
            }
            Localisation l = j.localisation();
            if (!l.personalDataOnly() && !l.allows(j.code(), d.jurisdiction(), false)) {
                return "localisation of " + j.code();
            }
            String type = o.path("type").asText();
            String contentClass = policy.contentClass(type);
            if (!d.acceptsAllContent() && contentClass != null && !type.equals("identity") && !d.content().contains(contentClass)) {
                return "content class " + contentClass;
            }
            return null;
        }

        private boolean iepOf(JsonNode o, String field, String value) {
            for (JsonNode m : o.path("object_marking_refs")) {
                JsonNode iep = ieps.get(m.asText());
                if (iep != null && value.equals(iep.path(field).asText())) {
                    return true;
                }
            }
            return false;
        }

        private static Tlp tlpOf(String markingId) {
            return Tlp.fromMarkingId(markingId).orElseGet(() -> switch (markingId) {
                case Stx.TLP1_WHITE -> Tlp.CLEAR;
                case Stx.TLP1_GREEN -> Tlp.GREEN;
                case Stx.TLP1_AMBER -> Tlp.AMBER;
                default -> Tlp.RED;
            });
        }

        /** Invariant e: every object missing or changed has a WITHHELD or REDACTED record; unchanged ones are SHARED. */
        private void audited(ObjectNode o, Decision decision) {
            String id = o.path("id").asText();
            ObjectNode shared = out.get(id);
            if (shared == null) {
                assertThat(decision.outcome()).as(what("missing from the output but " + decision)).isIn(Outcome.WITHHELD, Outcome.REDACTED);
                if (decision.outcome() == Outcome.REDACTED) {
                    assertThat(StixIds.isObservableType(o.path("type").asText()))
                            .as(what("only observables change id when redacted: " + decision)).isTrue();
                }
                return;
            }
            for (JsonNode g : o.path("granular_markings")) {
                if (tlpOf(g.path("marking_ref").asText()) == Tlp.RED) {
                    assertThat(shared.has("description")).as(what("description under a TLP:RED granular marking left in " + id)).isFalse();
                }
            }
            boolean changed = !withoutProvenance(shared).equals(withoutProvenance(o));
            assertThat(decision.outcome()).as(what((changed ? "changed " : "unchanged ") + id + " recorded as " + decision))
                    .isEqualTo(changed ? Outcome.REDACTED : Outcome.SHARED);
            assertThat(decision.reason()).as(what("reason")).isNotBlank();
        }

        private static ObjectNode withoutProvenance(ObjectNode o) {
            ObjectNode c = o.deepCopy();
            if (c.get("extensions") instanceof ObjectNode e) {
                e.remove(CtiflowExtension.ID);
                if (e.isEmpty()) {
                    c.remove("extensions");
                }
            }
            return c;
        }

        /** Invariant c: values of classes the destination does not keep appear nowhere in what it receives. */
        private void personalDataGone() {
            personal.forEach((value, c) -> {
                if (d.personalDataAction(c) != PersonalDataAction.KEEP) {
                    assertThat(serialised).as(what(c + " '" + value + "' must not reach a destination that will " + d.personalDataAction(c).word() + " it"))
                            .doesNotContain(value);
                }
            });
        }

        /** Invariant d: every reference in the output points into the output, unless it dangled in the input already. */
        private void references() {
            for (ObjectNode o : out.values()) {
                List<String> refs = new ArrayList<>();
                collectRefs(o, refs);
                for (String ref : refs) {
                    if (!out.containsKey(ref)) {
                        assertThat(in).as(what(o.path("id").asText() + " refers to " + ref + ", which is not in the output")).doesNotContainKey(ref);
                        assertThat(ref).as(what("dangling reference " + ref)).doesNotStartWith("marking-definition--");
                    }
                }
            }
        }

        private static void collectRefs(JsonNode node, List<String> refs) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().endsWith("_ref") && e.getValue().isTextual()) {
                        refs.add(e.getValue().asText());
                    } else if (e.getKey().endsWith("_refs") && e.getValue().isArray()) {
                        e.getValue().forEach(x -> refs.add(x.asText()));
                    } else {
                        collectRefs(e.getValue(), refs);
                    }
                }
            } else if (node.isArray()) {
                node.forEach(x -> collectRefs(x, refs));
            }
        }
    }
}

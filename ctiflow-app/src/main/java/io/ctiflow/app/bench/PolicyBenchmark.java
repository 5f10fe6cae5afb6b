package io.ctiflow.app.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.policy.AuditLog;
import io.ctiflow.policy.DecisionListener;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.FilterResult;
import io.ctiflow.policy.InputContext;
import io.ctiflow.policy.JurisdictionFilter;
import io.ctiflow.policy.Policy;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Jurisdiction-filter throughput: one generated bundle of STIX objects (indicators, observables with
 * personal data, relationships, malware, threat actors, individuals, reports; TLP CLEAR to RED;
 * provenance from several sources and origins) fanned out to every destination of a policy and
 * written as one bundle per destination, beside a baseline that parses each object once and writes
 * a copy of it into every destination's bundle. Reports object decisions/s (objects x
 * destinations / s) and the filter/copy time ratio, with and without the audit log.
 */
public final class PolicyBenchmark {

    private static final String[] SOURCES = {"urlhaus", "misp", "shadowserver-sinkhole-http", "cert-eu", "feodotracker"};
    private static final String[] ORIGINS = {"CH", "LU", "US", "BE", "DE", "GB", "CN", "PH"};
    private static final Tlp[] TLPS = {Tlp.CLEAR, Tlp.CLEAR, Tlp.GREEN, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED};

    private PolicyBenchmark() {
    }

    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("copy", "copy decisions/s"),
            new BenchReport.Column("filter", "filter decisions/s"),
            new BenchReport.Column("filterCost", "filter / copy time"),
            new BenchReport.Column("audited", "filter + audit decisions/s"),
            new BenchReport.Column("auditedCost", "filter + audit / copy time"),
            new BenchReport.Column("shared", "objects shared"),
            new BenchReport.Column("decisions", "decisions"));

    /** Runs the warm-up and {@code rounds} measured rounds; {@code echo} gets the console text as each round finishes. */
    public static BenchReport run(Policy policy, int objects, int rounds, Path auditDir, Consumer<String> echo) throws IOException {
        List<StixObject> bundle = generate(objects, new Random(42));
        Collection<Destination> destinations = policy.destinations();
        long decisions = (long) bundle.size() * destinations.size();
        BenchReport report = new BenchReport("policy", "Jurisdiction filter", "round", COLUMNS, echo);
        report.text(String.format(Locale.ROOT,
                "jurisdiction filter benchmark: %,d objects x %d destinations, best of %d rounds after a warm-up, max heap %,d MB%n",
                bundle.size(), destinations.size(), rounds, Runtime.getRuntime().maxMemory() >> 20));
        double bestCopy = Double.MAX_VALUE;
        double bestFilter = Double.MAX_VALUE;
        double bestAudited = Double.MAX_VALUE;
        long shared = 0;
        for (int round = 0; round <= rounds; round++) {
            double copy = time(() -> copy(bundle, destinations.size()));
            long[] out1 = new long[1];
            double filter = time(() -> out1[0] = filter(new JurisdictionFilter(policy, DecisionListener.NONE), bundle, destinations));
            double audited;
            try (AuditLog audit = new AuditLog(auditDir, 1L << 30, 2)) {
                audited = time(() -> filter(new JurisdictionFilter(policy, audit), bundle, destinations));
            }
            Files.deleteIfExists(auditDir.resolve("decisions.jsonl"));
            shared = out1[0];
            report.row(figures(round == 0 ? "warm-up" : "round " + round, decisions, copy, filter, audited),
                    "{label:-8} copy {copy:10} decisions/s   filter {filter:10} decisions/s ({filterCost}x copy time)   "
                            + "filter+audit {audited:10} decisions/s ({auditedCost}x)\n");
            if (round > 0) {
                bestCopy = Math.min(bestCopy, copy);
                bestFilter = Math.min(bestFilter, filter);
                bestAudited = Math.min(bestAudited, audited);
            }
        }
        report.row(figures("best", decisions, bestCopy, bestFilter, bestAudited).put("shared", "%,d", shared).put("decisions", "%,d", decisions),
                "\n{label}: copy {copy} decisions/s, filter {filter} decisions/s, filter+audit {audited} decisions/s; "
                        + "filter costs {filterCost}x the copy ({auditedCost}x with audit); {shared} of {decisions} objects shared across destinations\n");
        return report;
    }

    /** A round's (or the best) figures from the seconds each side took for all decisions. */
    private static BenchReport.Row figures(String label, long decisions, double copy, double filter, double audited) {
        return new BenchReport.Row(label).put("copy", "%,.0f", decisions / copy).put("filter", "%,.0f", decisions / filter)
                .put("filterCost", "%.2f", filter / copy).put("audited", "%,.0f", decisions / audited).put("auditedCost", "%.2f", audited / copy);
    }

    private interface Work {
        void run() throws IOException;
    }

    private static double time(Work work) throws IOException {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Baseline: every object parsed once and written, as a copy, into every destination's bundle. */
    private static void copy(List<StixObject> bundle, int destinations) throws IOException {
        List<BundleWriter> writers = new ArrayList<>();
        for (int i = 0; i < destinations; i++) {
            writers.add(new BundleWriter(OutputStream.nullOutputStream(), false));
        }
        for (StixObject o : bundle) {
            ObjectNode tree = o.tree();
            for (BundleWriter w : writers) {
                w.write(StixObject.of(tree.deepCopy()));
            }
        }
        for (BundleWriter w : writers) {
            w.close();
        }
    }

    private static long filter(JurisdictionFilter filter, List<StixObject> bundle, Collection<Destination> destinations) throws IOException {
        long shared = 0;
        for (FilterResult r : filter.fanOut(bundle, InputContext.NONE, destinations).values()) {
            try (BundleWriter w = new BundleWriter(OutputStream.nullOutputStream(), false)) {
                for (StixObject o : r.objects()) {
                    w.write(o);
                }
            }
            shared += r.objects().size();
        }
        return shared;
    }

    /** A bundle shaped like the pipeline's output, with personal data, markings and references. */
    static List<StixObject> generate(int count, Random random) {
        List<StixObject> objects = new ArrayList<>(count + 8);
        for (Tlp tlp : Tlp.values()) {
            objects.add(StixObject.of(tlp.markingDefinition()));
        }
        objects.add(StixObject.of(CtiflowExtension.identity()));
        objects.add(StixObject.of(CtiflowExtension.definition()));
        List<String> malware = new ArrayList<>();
        List<String> indicators = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ObjectNode m = sdo("malware", random);
            m.put("name", "family-" + i);
            m.put("is_family", true);
            malware.add(m.path("id").asText());
            objects.add(StixObject.of(m));
        }
        while (objects.size() < count) {
            int kind = random.nextInt(100);
            ObjectNode o;
            if (kind < 55) {
                o = indicator(random);
                indicators.add(o.path("id").asText());
            } else if (kind < 70) {
                o = sco(random);
            } else if (kind < 88 && !indicators.isEmpty()) {
                o = relationship("indicates", indicators.get(random.nextInt(indicators.size())), malware.get(random.nextInt(malware.size())), random);
            } else if (kind < 93) {
                o = sdo("identity", random);
                o.put("name", "Person " + random.nextInt(1_000_000));
                o.put("identity_class", "individual");
                o.put("contact_information", "+49 30 " + (1_000_000 + random.nextInt(8_000_000)));
            } else if (kind < 97) {
                o = sdo("threat-actor", random);
                o.put("name", "APT" + random.nextInt(100));
                o.putArray("aliases").add("Actor " + random.nextInt(1000));
            } else if (!indicators.isEmpty()) {
                o = sdo("report", random);
                o.put("name", "Weekly report " + random.nextInt(1000));
                o.put("published", "2024-05-01T00:00:00.000Z");
                ArrayNode refs = o.putArray("object_refs");
                for (int i = 0; i < 20; i++) {
                    refs.add(indicators.get(random.nextInt(indicators.size())));
                }
            } else {
                continue;
            }
            provenance(o, random);
            objects.add(StixObject.of(o));
        }
        return objects;
    }

    private static ObjectNode indicator(Random random) {
        ObjectNode o = sdo("indicator", random);
        String pattern = switch (random.nextInt(4)) {
            case 0 -> "[url:value = 'http://bad" + random.nextInt(100_000) + ".example/payload.exe']";
            case 1 -> "[ipv4-addr:value = '" + ip(random) + "']";
            case 2 -> "[domain-name:value = 'c2-" + random.nextInt(100_000) + ".example.net']";
            default -> "[email-addr:value = 'user" + random.nextInt(100_000) + "@mail.example.org']";
        };
        o.put("name", "Malicious " + pattern.substring(1, pattern.indexOf(':')));
        o.put("pattern", pattern);
        o.put("pattern_type", "stix");
        o.put("valid_from", "2024-05-01T00:00:00.000Z");
        o.putArray("indicator_types").add("malicious-activity");
        return o;
    }

    private static ObjectNode sco(Random random) {
        ObjectNode o = Stix.mapper().createObjectNode();
        boolean email = random.nextBoolean();
        o.put("type", email ? "email-addr" : "ipv4-addr");
        o.put("spec_version", "2.1");
        o.put("id", (email ? "email-addr--" : "ipv4-addr--") + uuid4(random));
        o.put("value", email ? "victim" + random.nextInt(100_000) + "@corp.example.com" : ip(random));
        return o;
    }

    private static ObjectNode relationship(String type, String from, String to, Random random) {
        ObjectNode o = sdo("relationship", random);
        o.put("relationship_type", type);
        o.put("source_ref", from);
        o.put("target_ref", to);
        return o;
    }

    private static ObjectNode sdo(String type, Random random) {
        ObjectNode o = Stix.mapper().createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", type + "--" + uuid4(random));
        o.put("created", "2024-05-01T00:00:00.000Z");
        o.put("modified", "2024-05-01T00:00:00.000Z");
        o.put("created_by_ref", CtiflowExtension.IDENTITY_ID);
        return o;
    }

    private static void provenance(ObjectNode o, Random random) {
        if (!o.has("created")) {
            return; // SCOs carry no markings of their own here
        }
        o.putArray("object_marking_refs").add(TLPS[random.nextInt(TLPS.length)].markingId());
        ObjectNode ext = o.putObject("extensions").putObject(CtiflowExtension.ID);
        ext.put("extension_type", "property-extension");
        ext.put("source", SOURCES[random.nextInt(SOURCES.length)]);
        ext.put("source_record", "record-" + random.nextInt(1_000_000));
        ext.put("origin_jurisdiction", ORIGINS[random.nextInt(ORIGINS.length)]);
        String pattern = o.path("pattern").asText("");
        if (pattern.startsWith("[email-addr") || o.path("identity_class").asText().equals("individual")) {
            ext.putArray("personal_data").add(pattern.isEmpty() ? "name" : "email-address");
        }
    }

    /** A version-4 UUID from the seeded generator, so every run benchmarks the same bundle. */
    private static UUID uuid4(Random random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    private static String ip(Random random) {
        return (11 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}

package io.ctiflow.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.misp.MispConversion;
import io.ctiflow.misp.MispToStix;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.function.Consumer;

/**
 * Throughput of MISP event to STIX conversion ({@link MispToStix}, from JSON bytes to serialised STIX
 * objects) beside a baseline that only parses the same bytes with Jackson and writes the tree back,
 * on the real sample events and on a generated event of 10,000 attributes and 1,000 objects.
 * Reports attributes/s (top-level and object attributes), events/s and peak heap (sampled) for both sides,
 * best of the measured rounds after a warm-up that lets the JIT compile both.
 */
public final class MispBenchmark {

    private static final int ATTRIBUTES = 10_000;
    private static final int OBJECTS = 1_000;
    private static final long WARM_UP_NANOS = 5_000_000_000L;

    private record Result(double seconds, long attributes, int events, long peakHeap) {
        double attributesPerSecond() {
            return attributes / seconds;
        }

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private MispBenchmark() {
    }

    /**
     * @param mappingsDir ctiflow's mappings/ directory (or mappings/misp itself); the real samples are read
     *                    from src/test/resources/data/misp beside it when present
     */
    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("side", "side"),
            new BenchReport.Column("attributes", "attributes/s"),
            new BenchReport.Column("events", "events/s"),
            new BenchReport.Column("heap", "peak heap MB"),
            new BenchReport.Column("ofBaseline", "of baseline"));
    private static final String SIDE = "  {side:-32}  {attributes:12} attributes/s {events:10} events/s  peak heap {heap:5} MB";

    /**
     * @param mappingsDir ctiflow's mappings/ directory (or mappings/misp itself); the real samples are read
     *                    from src/test/resources/data/misp beside it when present
     * @param echo        gets the console text as each section finishes
     */
    public static BenchReport run(Path mappingsDir, int rounds, Consumer<String> echo) {
        Path mispDir = Files.isRegularFile(mappingsDir.resolve("attribute-types.yaml")) ? mappingsDir : mappingsDir.resolve("misp");
        MispToStix converter = new MispToStix(mispDir);
        Path root = mispDir.toAbsolutePath().getParent().getParent();
        Path samplesDir = root.resolve("ctiflow-app/src/test/resources/data/misp");
        List<byte[]> samples = samples(samplesDir);
        byte[] generated = generatedEvent();
        BenchReport report = new BenchReport("misp", "MISP to STIX", "events", COLUMNS, echo);
        report.text(String.format(Locale.ROOT, "MISP to STIX benchmark: best of %d rounds after a 5 s warm-up per section, max heap %,d MB, %d processors%n",
                rounds, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors()));
        if (samples.isEmpty()) {
            report.progress("real samples: none found in " + samplesDir + " (run from a source checkout to include them)\n");
        } else {
            section("real samples (" + samples.size() + " events from " + samplesDir.getFileName() + ")", converter, samples, rounds, report);
        }
        section(String.format(Locale.ROOT, "generated event (%,d attributes + %,d objects, %,d KB)", ATTRIBUTES, OBJECTS,
                generated.length >> 10), converter, List.of(generated), rounds, report);
        return report;
    }

    /** The section's title, then a row for the baseline and one for MispToStix. */
    private static void section(String title, MispToStix converter, List<byte[]> events, int rounds, BenchReport report) {
        Result bestConvert = null;
        Result bestBaseline = null;
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUpEnd) { // let the JIT compile both sides before measuring
            measure(events, null);
            measure(events, converter);
        }
        for (int round = 0; round < rounds; round++) {
            Result baseline = measure(events, null);
            Result convert = measure(events, converter);
            bestBaseline = bestBaseline == null || baseline.seconds() < bestBaseline.seconds() ? baseline : bestBaseline;
            bestConvert = bestConvert == null || convert.seconds() < bestConvert.seconds() ? convert : bestConvert;
        }
        report.row(figures(title, "baseline (Jackson parse + write)", bestBaseline), "{label}\n" + SIDE + "\n");
        report.row(figures(title, "MispToStix (parse + convert)", bestConvert)
                .put("ofBaseline", "%.2f", bestConvert.attributesPerSecond() / bestBaseline.attributesPerSecond()), SIDE + "  ({ofBaseline} of baseline)\n");
    }

    private static BenchReport.Row figures(String title, String side, Result r) {
        return new BenchReport.Row(title).put("side", "%s", side).put("attributes", "%,.0f", r.attributesPerSecond())
                .put("events", "%,.1f", r.eventsPerSecond()).put("heap", "%,d", r.peakHeap() >> 20);
    }

    /** One pass over the events: parse and write back (baseline, converter null) or parse and convert. */
    private static Result measure(List<byte[]> events, MispToStix converter) {
        try (HeapSampler heap = new HeapSampler()) {
            long attributes = 0;
            long sink = 0;
            long start = System.nanoTime();
            for (byte[] bytes : events) {
                JsonNode doc = Stix.mapper().readTree(bytes);
                if (converter == null) {
                    sink += Stix.mapper().writeValueAsBytes(doc).length;
                    attributes += countAttributes(doc);
                } else {
                    for (MispConversion c : converter.convertDocument(doc)) {
                        attributes += c.attributes();
                        sink += c.objects().size();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (sink < 0) {
                throw new IllegalStateException("unreachable");
            }
            return new Result(seconds, attributes, events.size(), heap.peakBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long countAttributes(JsonNode doc) {
        long n = 0;
        List<JsonNode> events = new ArrayList<>();
        if (doc.isArray()) {
            doc.forEach(events::add);
        } else if (doc.has("response")) {
            doc.get("response").forEach(events::add);
        } else {
            events.add(doc);
        }
        for (JsonNode e : events) {
            JsonNode event = e.has("Event") ? e.get("Event") : e;
            n += event.path("Attribute").size();
            for (JsonNode o : event.path("Object")) {
                n += o.path("Attribute").size();
            }
        }
        return n;
    }

    private static List<byte[]> samples(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<byte[]> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().endsWith("stix21.json")).sorted().toList()) {
                out.add(Files.readAllBytes(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deterministic event: attributes of the common types (a third with to_ids), and file, domain-ip, ip-port and url objects. */
    public static byte[] generatedEvent() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Random random = new Random(42);
        ObjectNode event = f.objectNode();
        event.put("uuid", "5e0c1c2d-0000-4000-8000-000000000be0");
        event.put("info", "generated benchmark event");
        event.put("date", "2024-01-01");
        event.put("timestamp", "1704067200");
        event.put("published", true);
        event.put("distribution", "1");
        event.putObject("Orgc").put("name", "bench org").put("uuid", "5e0c1c2d-0000-4000-8000-000000000001");
        event.putArray("Tag").add(f.objectNode().put("name", "tlp:green")).add(f.objectNode().put("name", "rsit:malicious-code=\"c2-server\""));
        ArrayNode attributes = event.putArray("Attribute");
        String[] types = {"ip-dst", "domain", "url", "md5", "sha256", "filename|md5", "ip-dst|port", "email-src", "hostname", "sha1", "filename", "text"};
        for (int i = 0; i < ATTRIBUTES; i++) {
            String type = types[i % types.length];
            attributes.add(attribute(f, i, type, value(type, i, random), i % 3 == 0));
        }
        ArrayNode objects = event.putArray("Object");
        for (int i = 0; i < OBJECTS; i++) {
            ObjectNode o = objects.addObject();
            o.put("uuid", String.format("6e0c1c2d-0000-4000-8000-%012d", i));
            o.put("timestamp", "1704067200");
            ArrayNode a = o.putArray("Attribute");
            boolean ids = i % 2 == 0;
            switch (i % 4) {
                case 0 -> {
                    o.put("name", "file");
                    a.add(relation(f, i, 0, "filename", "filename", "payload-" + i + ".exe", ids));
                    a.add(relation(f, i, 1, "md5", "md5", hex(random, 32), ids));
                    a.add(relation(f, i, 2, "sha1", "sha1", hex(random, 40), ids));
                    a.add(relation(f, i, 3, "sha256", "sha256", hex(random, 64), ids));
                }
                case 1 -> {
                    o.put("name", "domain-ip");
                    a.add(relation(f, i, 0, "domain", "domain", "host" + i + ".example.net", ids));
                    a.add(relation(f, i, 1, "ip", "ip-dst", ip(i), ids));
                }
                case 2 -> {
                    o.put("name", "ip-port");
                    a.add(relation(f, i, 0, "ip-dst", "ip-dst", ip(i + 7), ids));
                    a.add(relation(f, i, 1, "dst-port", "port", Integer.toString(1024 + i % 50000), ids));
                }
                default -> {
                    o.put("name", "url");
                    a.add(relation(f, i, 0, "url", "url", "http://site" + i + ".example.org/path/" + i, ids));
                }
            }
        }
        try {
            return Stix.mapper().writeValueAsBytes(f.objectNode().set("Event", event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode attribute(JsonNodeFactory f, int i, String type, String value, boolean toIds) {
        ObjectNode a = f.objectNode();
        a.put("uuid", String.format("7e0c1c2d-0000-4000-8000-%012d", i));
        a.put("type", type);
        a.put("category", "Network activity");
        a.put("to_ids", toIds);
        a.put("distribution", "5");
        a.put("timestamp", Long.toString(1704067200L + i));
        a.put("comment", "");
        a.put("value", value);
        return a;
    }

    private static ObjectNode relation(JsonNodeFactory f, int object, int n, String relation, String type, String value, boolean toIds) {
        ObjectNode a = attribute(f, 0, type, value, toIds);
        a.put("uuid", String.format("8e0c1c2d-%04d-4000-8000-%012d", n, object));
        a.put("object_relation", relation);
        return a;
    }

    private static String value(String type, int i, Random random) {
        return switch (type) {
            case "ip-dst" -> ip(i);
            case "domain", "hostname" -> "d" + i + ".example.com";
            case "url" -> "https://u" + i + ".example.com/a?b=" + i;
            case "md5" -> hex(random, 32);
            case "sha1" -> hex(random, 40);
            case "sha256" -> hex(random, 64);
            case "filename|md5" -> "file" + i + ".dll|" + hex(random, 32);
            case "ip-dst|port" -> ip(i) + "|" + (1 + i % 65000);
            case "email-src" -> "sender" + i + "@example.org";
            case "filename" -> "dropper" + i + ".exe";
            default -> "free text note " + i;
        };
    }

    private static String ip(int i) {
        return "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
    }

    private static String hex(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }
}

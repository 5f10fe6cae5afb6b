package io.ctiflow.app.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.Mappings;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
/**
 * Records/s through a JSON feed connector's path (the mapping engine on a ThreatFox-shaped feed:
 * stream the records array, map each record to the taxonomy and to STIX) beside a baseline that
 * only parses the same records with Jackson into trees, in the same run.
 */
public final class JsonFeedBenchmark {

    private static final String[] TYPES = {"ip:port", "domain", "url", "sha256_hash", "md5_hash"};

    private JsonFeedBenchmark() {
    }

    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("parse", "Jackson parse records/s"),
            new BenchReport.Column("mapped", "mapped to STIX records/s"),
            new BenchReport.Column("objects", "objects"),
            new BenchReport.Column("ratio", "ratio"));

    /** Runs the warm-up and {@code rounds} measured rounds; {@code echo} gets the console text as each round finishes. */
    public static BenchReport run(Path mappingsDir, Path dir, int records, int rounds, Consumer<String> echo) throws IOException {
        Path feed = dir.resolve("threatfox-" + records + ".json");
        if (!Files.exists(feed)) {
            generate(feed, records, new Random(11));
        }
        Mappings mappings = new Mappings(mappingsDir);
        BenchReport report = new BenchReport("json", "JSON feed connectors", "round", COLUMNS, echo);
        report.text(String.format(Locale.ROOT, "JSON feed benchmark: %,d ThreatFox-shaped records (%,d MB), "
                + "mapping mappings/json/threatfox.yaml, best of %d rounds after a warm-up%n", records, Files.size(feed) >> 20, rounds));
        double bestBaseline = 0;
        double bestMapped = 0;
        for (int round = 0; round <= rounds; round++) {
            long start = System.nanoTime();
            long parsed = parse(feed);
            double baseline = parsed / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            long mapped = 0;
            long objects = 0;
            try (InputStream in = Files.newInputStream(feed);
                 FeedConverter converter = new FeedConverter(in, feed.getFileName().toString(), mappings.feed("threatfox"), mappings.toStix(), 1000)) {
                while (converter.hasNext()) {
                    Batch b = converter.next();
                    mapped += b.recordsRead();
                    objects += b.objects().size();
                }
            }
            double rate = mapped / ((System.nanoTime() - start) / 1e9);
            report.row(figures(round == 0 ? "warm-up" : "round " + round, baseline, rate).put("objects", "%,d", objects),
                    "{label:-8} Jackson parse {parse:10} records/s   mapped to STIX {mapped:10} records/s ({objects} objects)   ratio {ratio}\n");
            if (round > 0) {
                bestBaseline = Math.max(bestBaseline, baseline);
                bestMapped = Math.max(bestMapped, rate);
            }
        }
        report.row(figures("best", bestBaseline, bestMapped), "\n{label}: Jackson parse {parse} records/s, mapped to STIX {mapped} records/s, ratio {ratio}\n");
        return report;
    }

    private static BenchReport.Row figures(String label, double parsed, double mapped) {
        return new BenchReport.Row(label).put("parse", "%,.0f", parsed).put("mapped", "%,.0f", mapped).put("ratio", "%.2f", mapped / parsed);
    }

    /** The baseline: every record of the data array parsed into a tree, nothing else. */
    private static long parse(Path feed) throws IOException {
        long n = 0;
        try (JsonParser p = Stix.mapper().getFactory().createParser(feed.toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName())) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Stix.mapper().readTree(p);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static void generate(Path feed, int records, Random random) throws IOException {
        Files.createDirectories(feed.getParent());
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(feed), 1 << 16);
             JsonGenerator g = Stix.mapper().getFactory().createGenerator(os)) {
            g.writeStartObject();
            g.writeStringField("query_status", "ok");
            g.writeArrayFieldStart("data");
            for (int i = 0; i < records; i++) {
                String type = TYPES[random.nextInt(TYPES.length)];
                String ioc = switch (type) {
                    case "ip:port" -> (11 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254))
                            + ":" + (1024 + random.nextInt(60000));
                    case "domain" -> "c2-" + random.nextInt(1_000_000) + ".example.net";
                    case "url" -> "http://bad" + random.nextInt(1_000_000) + ".example/gate.php";
                    case "sha256_hash" -> String.format("%064x", new BigInteger(256, random));
                    default -> String.format("%032x", new BigInteger(128, random));
                };
                g.writeStartObject();
                g.writeStringField("id", Integer.toString(300_000 + i));
                g.writeStringField("ioc", ioc);
                g.writeStringField("threat_type", type.endsWith("hash") ? "payload" : "botnet_cc");
                g.writeStringField("threat_type_desc", "Indicator that identifies a botnet command&control server (C&C)");
                g.writeStringField("ioc_type", type);
                g.writeStringField("ioc_type_desc", "ioc of type " + type);
                g.writeStringField("malware", "win.cobalt_strike");
                g.writeStringField("malware_printable", "Cobalt Strike");
                g.writeStringField("malware_alias", "Agentemis,BEACON,CobaltStrike");
                g.writeStringField("malware_malpedia", "https://malpedia.caad.fkie.fraunhofer.de/details/win.cobalt_strike");
                g.writeNumberField("confidence_level", 50 + random.nextInt(51));
                g.writeStringField("first_seen", "2022-01-02 01:44:00 UTC");
                g.writeNullField("last_seen");
                g.writeStringField("reference", "https://example.org/report/" + i);
                g.writeStringField("reporter", "bench");
                g.writeNullField("tags");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}

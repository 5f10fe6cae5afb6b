package io.ctiflow.app.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.server.ApiRootConfig;
import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.CollectionConfig;
import io.ctiflow.taxii.server.TaxiiServer;
import io.ctiflow.taxii.server.TaxiiServerConfig;
import io.ctiflow.taxii.server.UserConfig;
import io.ctiflow.taxii.store.StoreSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Throughput of the embedded TAXII server over real HTTP on 127.0.0.1 with the embedded H2 file
 * store: objects/s ingested by POST (envelopes of 1,000 indicators) and served by paged GET
 * (limit 1,000), beside an in-memory Jackson baseline that parses and re-serialises the same
 * envelopes. Each round writes a fresh collection; the first round is a warm-up.
 */
public final class TaxiiBenchmark {

    private static final String TAXII = "application/taxii+json;version=2.1";
    private static final int ENVELOPE = 1000;

    private record Round(double baseline, double ingest, double read) {
    }

    private TaxiiBenchmark() {
    }

    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("baseline", "Jackson baseline objects/s"),
            new BenchReport.Column("ingest", "ingest (POST) objects/s"),
            new BenchReport.Column("read", "paged read (GET) objects/s"),
            new BenchReport.Column("ingestRatio", "ingest / baseline"),
            new BenchReport.Column("readRatio", "read / baseline"));

    /** Runs the warm-up and {@code rounds} measured rounds; {@code echo} gets the console text as each round finishes. */
    public static BenchReport run(Path work, int objects, int rounds, Consumer<String> echo) throws Exception {
        int envelopes = Math.max(1, objects / ENVELOPE);
        BenchReport report = new BenchReport("taxii", "TAXII server", "round", COLUMNS, echo);
        report.progress(String.format(Locale.ROOT,
                "TAXII server benchmark: %,d indicators per round in envelopes of %,d, POST then paged GET (limit %,d) over HTTP on 127.0.0.1,%n"
                        + "H2 file store in %s; baseline: Jackson parse + serialise of the same envelopes in memory. %d processors, max heap %,d MB%n",
                envelopes * ENVELOPE, ENVELOPE, ENVELOPE, work, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        String token = ApiTokens.newToken();
        List<UUID> collections = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            collections.add(UUID.randomUUID());
        }
        List<CollectionConfig> configs = collections.stream().map(id -> CollectionConfig.of(id, "bench " + id, Set.of("bench"), Set.of("bench"))).toList();
        TaxiiServerConfig config = TaxiiServerConfig.of(StoreSettings.h2File(work.resolve("taxii-bench-" + UUID.randomUUID())),
                List.of(new ApiRootConfig("bench", "bench", null, configs)), List.of(new UserConfig("bench", null, ApiTokens.hash(token))));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Round best = null;
        try (TaxiiServer server = TaxiiServer.start(config)) {
            for (int r = 0; r <= rounds; r++) {
                List<byte[]> bodies = envelopes(r, envelopes);
                double baseline = baseline(bodies);
                String objectsUrl = server.collectionUrl("bench", collections.get(r)) + "objects/";
                double ingest = ingest(client, objectsUrl, token, bodies);
                double read = read(client, objectsUrl, token, envelopes * ENVELOPE);
                Round round = new Round(baseline, ingest, read);
                report.row(figures(r == 0 ? "warm-up" : "round " + r, round), "{label:-8} baseline {baseline:10} obj/s   "
                        + "ingest (POST) {ingest:10} obj/s   read (GET) {read:10} obj/s   ratios {ingestRatio} / {readRatio}\n");
                if (r > 0 && (best == null || round.ingest() + round.read() > best.ingest() + best.read())) {
                    best = round;
                }
            }
        }
        report.row(figures("best of " + rounds, best), "\n{label}: ingest {ingest} objects/s, paged read {read} objects/s "
                + "(targets: 20,000 and 100,000); Jackson baseline {baseline} objects/s; ratios ingest {ingestRatio}, read {readRatio}\n");
        return report;
    }

    private static BenchReport.Row figures(String label, Round r) {
        return new BenchReport.Row(label).put("baseline", "%,.0f", r.baseline()).put("ingest", "%,.0f", r.ingest())
                .put("read", "%,.0f", r.read()).put("ingestRatio", "%.2f", r.ingest() / r.baseline()).put("readRatio", "%.2f", r.read() / r.baseline());
    }

    private static List<byte[]> envelopes(int round, int count) {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int e = 0; e < count; e++) {
            StringBuilder b = new StringBuilder(ENVELOPE * 600).append("{\"objects\":[");
            for (int i = 0; i < ENVELOPE; i++) {
                int n = e * ENVELOPE + i;
                String ip = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
                b.append(i == 0 ? "" : ",").append("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--")
                        .append(new UUID(0x7a11L << 32 | round, n)).append("\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-02T00:00:00.000Z\",")
                        .append("\"name\":\"C2 ").append(ip).append("\",\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"[ipv4-addr:value = '")
                        .append(ip).append("']\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00.000Z\",\"confidence\":80,")
                        .append("\"labels\":[\"rsit:malicious-code=\\\"c2-server\\\"\"],\"object_marking_refs\":[\"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487\"]}");
            }
            bodies.add(b.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static double baseline(List<byte[]> bodies) throws IOException {
        long start = System.nanoTime();
        long n = 0;
        for (byte[] body : bodies) {
            JsonNode envelope = Stix.mapper().readTree(body);
            for (JsonNode o : envelope.path("objects")) {
                Stix.mapper().writeValueAsBytes(o);
                n++;
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double ingest(HttpClient client, String url, String token, List<byte[]> bodies) throws Exception {
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", TAXII).header("Accept", TAXII).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202 || !r.body().contains("\"failure_count\":0")) {
                throw new IllegalStateException("POST failed: " + r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }
        return bodies.size() * (double) ENVELOPE / ((System.nanoTime() - start) / 1e9);
    }

    private static double read(HttpClient client, String url, String token, int expected) throws Exception {
        long start = System.nanoTime();
        long seen = 0;
        String next = null;
        do {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url + "?limit=" + ENVELOPE + (next == null ? "" : "&next=" + next)))
                    .header("Authorization", "Bearer " + token).header("Accept", TAXII).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET failed: " + r.statusCode());
            }
            next = null;
            try (JsonParser p = Stix.mapper().getFactory().createParser(r.body())) { // count the objects; skip their content
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("objects")) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            p.skipChildren();
                            seen++;
                        }
                    } else if (field.equals("next")) {
                        next = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } while (next != null);
        if (seen != expected) {
            throw new IllegalStateException("paged read saw " + seen + " objects, expected " + expected);
        }
        return seen / ((System.nanoTime() - start) / 1e9);
    }
}

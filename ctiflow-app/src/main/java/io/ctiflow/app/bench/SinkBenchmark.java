package io.ctiflow.app.bench;

import com.sun.net.httpserver.HttpServer;
import io.ctiflow.kafka.KafkaBench;
import io.ctiflow.sink.WebhookClient;
import io.ctiflow.sink.WebhookConfiguration;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.StixObject;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
/**
 * Delivery throughput of the sinks for the same objects, in batches of 1,000 as the pipeline sends
 * them: a bundle file per batch (the baseline: the same bytes to local disk), the webhook sink
 * (signed POSTs to a receiver on 127.0.0.1 that reads every body and checks its signature), and the
 * Kafka sink (one record per object, idempotent producer, acks=all) when brokers are given.
 */
public final class SinkBenchmark {

    private static final int BATCH = 1000;
    private static final String SECRET = "bench-webhook-secret";

    private SinkBenchmark() {
    }

    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("file", "bundle files objects/s"),
            new BenchReport.Column("webhook", "webhook objects/s"),
            new BenchReport.Column("webhookRatio", "webhook / files"),
            new BenchReport.Column("kafka", "Kafka objects/s"),
            new BenchReport.Column("kafkaRatio", "Kafka / files"));

    /** Runs the warm-up and {@code rounds} measured rounds; {@code echo} gets the console text as each round finishes. */
    public static BenchReport run(int count, int rounds, Path dir, String kafkaBrokers, Consumer<String> echo) throws Exception {
        List<StixObject> objects = PolicyBenchmark.generate(count, new Random(7));
        BenchReport report = new BenchReport("sinks", "Sinks", "round", COLUMNS, echo);
        report.text(String.format(Locale.ROOT,
                "sink benchmark: %,d objects in batches of %,d, best of %d rounds after a warm-up%n", objects.size(), BATCH, rounds));
        String kafkaRound = kafkaBrokers == null ? "skipped (no --kafka-brokers)" : "{kafka:10} objects/s ({kafkaRatio} of file)";
        double bestFile = 0;
        double bestWebhook = 0;
        double bestKafka = 0;
        AtomicLong received = new AtomicLong();
        HttpServer receiver = receiver(received);
        try {
            WebhookConfiguration config = new WebhookConfiguration();
            config.setUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            config.setSecret(SECRET);
            WebhookClient webhook = new WebhookClient(config);
            for (int round = 0; round <= rounds; round++) {
                double file = file(objects, dir.resolve("files"));
                long before = received.get();
                long start = System.nanoTime();
                for (int i = 0; i < objects.size(); i += BATCH) {
                    webhook.send(objects.subList(i, Math.min(objects.size(), i + BATCH)), "bench");
                }
                double hook = objects.size() / ((System.nanoTime() - start) / 1e9);
                if (received.get() - before < objects.size()) {
                    throw new IllegalStateException("the webhook receiver got " + (received.get() - before) + " of " + objects.size() + " objects");
                }
                double kafka = kafkaBrokers == null ? Double.NaN : KafkaBench.deliver(objects, kafkaBrokers, "ctiflow-bench-" + round, BATCH);
                report.row(figures(round == 0 ? "warm-up" : "round " + round, file, hook, kafka),
                        "{label:-8} file {file:10} objects/s   webhook {webhook:10} objects/s ({webhookRatio} of file)   kafka " + kafkaRound + "\n");
                if (round > 0) {
                    bestFile = Math.max(bestFile, file);
                    bestWebhook = Math.max(bestWebhook, hook);
                    bestKafka = Double.isNaN(kafka) ? kafka : Math.max(bestKafka, kafka);
                }
            }
        } finally {
            receiver.stop(0);
        }
        report.row(figures("best", bestFile, bestWebhook, bestKafka), "\n{label}: file {file} objects/s, webhook {webhook} objects/s ({webhookRatio}), kafka "
                + (Double.isNaN(bestKafka) ? "skipped" : "{kafka} objects/s ({kafkaRatio})") + "\n");
        return report;
    }

    /** Objects/s per sink; Kafka's is NaN when no brokers were given, and then has no cells. */
    private static BenchReport.Row figures(String label, double file, double webhook, double kafka) {
        BenchReport.Row row = new BenchReport.Row(label).put("file", "%,.0f", file).put("webhook", "%,.0f", webhook).put("webhookRatio", "%.2f", webhook / file);
        return Double.isNaN(kafka) ? row : row.put("kafka", "%,.0f", kafka).put("kafkaRatio", "%.2f", kafka / file);
    }

    /** The baseline: every batch written as a bundle file to local disk (flushed, not fsynced). */
    private static double file(List<StixObject> objects, Path dir) throws IOException {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        for (int i = 0; i < objects.size(); i += BATCH) {
            try (OutputStream os = Files.newOutputStream(dir.resolve("batch-" + i + ".json"));
                 BundleWriter w = new BundleWriter(new BufferedOutputStream(os, 1 << 16), false)) {
                for (StixObject o : objects.subList(i, Math.min(objects.size(), i + BATCH))) {
                    w.write(o);
                }
            }
        }
        return objects.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** A partner's receiver: reads each body, checks its signature, counts its objects. */
    private static HttpServer receiver(AtomicLong received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hook", http -> {
            byte[] body;
            try (InputStream in = http.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean valid = MessageDigest.isEqual(WebhookClient.signature(body, SECRET).getBytes(),
                    String.valueOf(http.getRequestHeaders().getFirst(WebhookClient.SIGNATURE)).getBytes());
            if (valid) {
                // count objects without parsing the bundle into a tree: ids are the only "id" members
                String text = new String(body, StandardCharsets.UTF_8);
                long n = 0;
                for (int i = text.indexOf("\"id\":"); i >= 0; i = text.indexOf("\"id\":", i + 5)) {
                    n++;
                }
                received.addAndGet(n - 1); // minus the bundle's own id
            }
            http.sendResponseHeaders(valid ? 200 : 401, -1);
            http.close();
        });
        server.start();
        return server;
    }
}

package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.app.bench.UrlhausFeedGenerator;
import io.ctiflow.kafka.KafkaBroker;
import io.ctiflow.sink.WebhookReceiver;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.server.Passwords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances, one job, with every part real: three ctiflow JVMs (`run`) with clustering on (one cluster
 * folder), sharing through Kafka (a real broker, a 6-partition share topic), one TAXII store and one state store
 * (PostgreSQL when CTIFLOW_TEST_POSTGRES_URL names one, as in CI, else an H2 server in this JVM that outlives the
 * killed instances), a URLhaus feed served over HTTP and a webhook partner. Only the leader polls the feed; every
 * instance filters the batches of its partitions. Mid-way the leader and one worker are killed (SIGKILL). The
 * survivor takes the lead and every partition, polls the feed again, and in the end the partner's TAXII
 * collection holds every indicator exactly once and the webhook partner has received every indicator, each under
 * one Idempotency-Key (a batch in flight at the kill may arrive twice, with the same key).
 */
@ExtendWith(KafkaBroker.Shared.class)
class ScaleOutTest {

    /** Feed rows: 4,000 in the suite (its time budget); -Dctiflow.test.scale-out.rows=200000 for the size by hand. */
    private static final int ROWS = Integer.getInteger("ctiflow.test.scale-out.rows", 4_000);
    private static final String PASSWORD = "scale-out-test-password-not-a-secret";
    private static final String SECRET = "scale-out-webhook-secret-not-a-secret";
    private static final String DESTINATION = "cert-eu";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the children's logs stay when it fails
    Path tmp;

    private final List<Process> children = new ArrayList<>();
    private final AtomicInteger feedGets = new AtomicInteger();
    private HttpServer feed;
    private Server database;
    private WebhookReceiver partner;
    private String schema;

    @AfterEach
    void stop() throws Exception {
        for (Process child : children) {
            child.destroyForcibly().waitFor();
        }
        if (feed != null) {
            feed.stop(0);
        }
        if (partner != null) {
            partner.close();
        }
        if (database != null) {
            database.stop();
        }
        String postgres = System.getenv("CTIFLOW_TEST_POSTGRES_URL");
        if (schema != null && postgres != null && !postgres.isBlank()) {
            try (var c = DriverManager.getConnection(postgres); var s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void threeInstancesFinishOneJobAfterTheLeaderAndAWorkerAreKilled() throws Exception {
        String feedUrl = serveFeed(UrlhausFeedGenerator.write(tmp.resolve("urlhaus.csv"), ROWS));
        partner = WebhookReceiver.start(SECRET);
        Path policies = FaultPolicies.withEndpoints(tmp.resolve("policies"), Map.of(DESTINATION,
                "      - {kind: embedded-taxii, collection: " + DESTINATION + "}\n"
                        + "      - {kind: webhook, url: \"" + partner.url() + "\", secret_env: CTIFLOW_TEST_WEBHOOK_SECRET}\n"));
        String[] stores = sharedStores();
        KafkaBroker broker = KafkaBroker.shared();
        String topic = "scale-out-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(20, TimeUnit.SECONDS);
        }
        List<Instance> instances = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            instances.add(start(id, policies, stores, broker.bootstrap(), topic, feedUrl));
        }

        // the leader polls the feed once and sends its batches to the share topic; every instance filters some
        await().atMost(Duration.ofSeconds(120L + ROWS / 1000)).until(() -> instances.stream().filter(i -> shareBundles(i) > 0).count() >= 2
                || instances.stream().anyMatch(i -> !i.process.isAlive()));
        assertThat(instances).as("all running (see a.log, b.log, c.log)").allSatisfy(i -> assertThat(i.process.isAlive()).isTrue());
        assertThat(feedGets).as("only the leader polled").hasValue(1);
        List<Instance> leaders = instances.stream().filter(i -> outboxBundles(i) > 0).toList();
        assertThat(leaders).as("one instance read the feed").hasSize(1);
        Instance leader = leaders.get(0);
        Instance worker = instances.stream().filter(i -> i != leader).findFirst().orElseThrow();
        Instance survivor = instances.stream().filter(i -> i != leader && i != worker).findFirst().orElseThrow();

        leader.process.destroyForcibly().waitFor(); // SIGKILL both: neither leaves the group nor gives up the lead
        worker.process.destroyForcibly().waitFor();

        // the survivor takes the lead (and polls the feed again) and every partition, and finishes the job
        // each check reads the whole collection over TAXII: not too often
        await().atMost(Duration.ofSeconds(180L + ROWS / 250)).pollInterval(Duration.ofSeconds(ROWS > 10_000 ? 10 : 1)).until(() -> !survivor.process.isAlive()
                || feedGets.get() >= 2 && survivor.readTheFeed() && collection(survivor).keySet().containsAll(indicators(survivor.work.resolve("stix")))
                && delivered().containsAll(indicators(survivor.work.resolve("stix"))));
        assertThat(survivor.process.isAlive()).as("the survivor still runs (see " + survivor.id + ".log)").isTrue();
        Set<String> all = indicators(survivor.work.resolve("stix"));
        assertThat(all).as("the survivor read the whole feed again").hasSizeGreaterThan(ROWS / 2);
        assertThat(outboxBundles(survivor)).as("the survivor led after the kill").isPositive();

        Map<String, Integer> held = collection(survivor);
        assertThat(missing(all, held.keySet())).as("indicators missing in the collection").isEmpty();
        assertThat(held).as(DESTINATION + ": every object version exactly once, though the feed was read twice")
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        // at-least-once: a batch the partner accepted but whose instance died before recording it in the publish ledger
        // is sent again, with the same Idempotency-Key (the same objects make the same body); everything else the shared
        // ledger sends once, the second poll of the feed included. A partner that honours the key sees each indicator once.
        Map<String, Integer> deliveries = new HashMap<>();
        Map<String, Set<String>> keys = new HashMap<>();
        partner.deliveries().forEach(d -> d.bundle().path("objects").forEach(o -> {
            if (o.path("type").asText().equals("indicator")) {
                deliveries.merge(o.path("id").asText(), 1, Integer::sum);
                keys.computeIfAbsent(o.path("id").asText(), k -> new HashSet<>()).add(d.header("Idempotency-Key"));
            }
        }));
        assertThat(missing(all, deliveries.keySet())).as("indicators the webhook partner never received").isEmpty();
        assertThat(keys).as("every indicator under one Idempotency-Key").allSatisfy((id, k) -> assertThat(k).as(id).hasSize(1).doesNotContainNull());
        long twice = deliveries.values().stream().filter(n -> n > 1).count();
        System.out.println("ScaleOutTest: " + all.size() + " indicators, " + twice + " delivered twice to the webhook partner");
    }

    /** What of {@code expected} {@code actual} lacks (a set look-up each: AssertJ's containsAll compares pairwise). */
    private static List<String> missing(Set<String> expected, Set<String> actual) {
        return expected.stream().filter(id -> !actual.contains(id)).toList();
    }

    private record Instance(String id, Process process, Path work, int taxiiPort, Path log) {

        /** The instance logged that it read a whole download of the feed (its outbox then holds all of it). */
        boolean readTheFeed() throws IOException {
            return Files.readString(log).contains("[InputProgress] done urlhaus");
        }
    }

    private Instance start(String id, Path policies, String[] stores, String brokers, String topic, String feedUrl) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(id));
        int port = CollectionContents.freePort();
        List<String> config = List.of(
                "-Dctiflow.work=" + dir.resolve("work"),
                "-Dctiflow.instance.id=" + id,
                "-Dctiflow.policies=" + policies,
                "-Dctiflow.batch.size=200",
                "-Dctiflow.management.enabled=false",
                "-Dctiflow.console.enabled=false",
                "-Dctiflow.cluster.enabled=true",
                "-Dctiflow.cluster.root=" + tmp.resolve("cluster"),
                "-Dctiflow.cluster.acquire-delay=200",
                "-Dctiflow.cluster.acquire-interval=1000",
                "-Dctiflow.cluster.heartbeat-timeout-multiplier=3",
                "-Dctiflow.state.url=" + stores[1],
                "-Dctiflow.state.user=" + stores[2],
                "-Dctiflow.taxii.server.enabled=true",
                "-Dctiflow.taxii.server.port=" + port,
                "-Dctiflow.taxii.server.store.url=" + stores[0],
                "-Dctiflow.taxii.server.store.user=" + stores[2],
                "-Dctiflow.taxii.server.admin-password-hash=" + Passwords.hash(PASSWORD.toCharArray(), 10_000),
                "-Dctiflow.share.via-kafka=true",
                "-Dctiflow.kafka.brokers=" + brokers,
                "-Dctiflow.share.topic=" + topic,
                "-Dctiflow.share.group=" + topic,
                "-Dctiflow.share.session-timeout=6000",
                "-Dctiflow.kafka.source.poll-timeout=500",
                "-Dctiflow.feeds.urlhaus.enabled=true",
                "-Dctiflow.feeds.urlhaus.url=" + feedUrl,
                "-Dctiflow.feeds.urlhaus.period=3600000",
                "-DCTIFLOW_TEST_WEBHOOK_SECRET=" + SECRET);
        Process child = ChildCtiflow.start(dir, dir.resolve(id + ".log"), config, List.of("run"));
        children.add(child);
        return new Instance(id, child, dir.resolve("work"), port, dir.resolve(id + ".log"));
    }

    /** {TAXII store URL, state store URL, user}: a fresh PostgreSQL schema, or an H2 server in this JVM. */
    private String[] sharedStores() throws Exception {
        String postgres = System.getenv("CTIFLOW_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            schema = "ctiflow_scale_" + UUID.randomUUID().toString().replace("-", "");
            try (var c = DriverManager.getConnection(postgres); var s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            String url = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return new String[] {url, url, ""};
        }
        database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", tmp.resolve("db").toString()).start();
        String base = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/";
        return new String[] {base + "taxii", base + "state", "sa"};
    }

    private String serveFeed(Path csv) throws IOException {
        byte[] body = Files.readAllBytes(csv);
        feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/urlhaus.csv", exchange -> {
            feedGets.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feed.start();
        return "http://127.0.0.1:" + feed.getAddress().getPort() + "/urlhaus.csv";
    }

    /** Every indicator version the destination's collection holds, read from the instance's own TAXII server. */
    private static Map<String, Integer> collection(Instance i) throws IOException, InterruptedException {
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<JsonNode> held = CollectionContents.read("http://127.0.0.1:" + i.taxiiPort + "/ctiflow/", admin, DESTINATION);
        return CollectionContents.idCounts(held.stream().filter(o -> o.path("type").asText().equals("indicator")).toList());
    }

    private Set<String> delivered() {
        Set<String> ids = new HashSet<>();
        partner.deliveries().forEach(d -> d.bundle().path("objects").forEach(o -> ids.add(o.path("id").asText())));
        return ids;
    }

    private static long outboxBundles(Instance i) {
        return files(i.work.resolve("stix")).size();
    }

    private static long shareBundles(Instance i) {
        return files(i.work.resolve("share").resolve(DESTINATION)).size();
    }

    private static Set<String> indicators(Path dir) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path f : files(dir)) {
            Stix.mapper().readTree(f.toFile()).path("objects").forEach(o -> {
                if (o.path("type").asText().equals("indicator")) {
                    ids.add(o.path("id").asText());
                }
            });
        }
        return ids;
    }

    /** Whole bundle files in the folder (temporary ones start with a dot). */
    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}

package io.ctiflow.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances, one job: two ctiflow JVMs (`run`, clustering on, one shared cluster folder, one
 * shared state store: an H2 TCP server in this JVM, or PostgreSQL when CTIFLOW_TEST_POSTGRES_URL is set)
 * poll a MISP feed served over HTTP from this JVM. Only the leader polls: every event file is fetched
 * once and the follower writes nothing. The leader is killed with SIGKILL, the feed grows, and the
 * follower takes over within a bounded time and fetches only the new events: the old ones are in the
 * checkpoint the dead leader left in the shared store (nothing fetched twice, nothing lost).
 */
class LeaderFailoverTest {

    private static final Path FEED = Path.of("ctiflow-app/src/test/resources/data/misp/feed-chrome-mal-ids").toAbsolutePath();
    private static final Pattern METRICS_URL = Pattern.compile("metrics:\\s+(http\\S+)");
    /** The file service's failover bound with the intervals below: 3 missed 1 s heartbeats, one more attempt, slack for a loaded machine. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(12);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the children's logs stay when it fails
    Path tmp;

    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    private final List<Process> children = new ArrayList<>();
    private volatile byte[] manifest;
    /** A feed name of its own: on a PostgreSQL shared across runs, an earlier run's checkpoint has another key. */
    private final String feedName = "failover-" + UUID.randomUUID().toString().substring(0, 8);
    private String stateUser = "";
    private HttpServer feed;
    private Server database;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor();
        }
        if (feed != null) {
            feed.stop(0);
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void onlyTheLeaderPollsAndTheFollowerTakesOverFromTheSharedCheckpoint() throws Exception {
        ObjectNode all = (ObjectNode) new ObjectMapper().readTree(FEED.resolve("manifest.json").toFile());
        List<String> uuids = new ArrayList<>();
        all.fieldNames().forEachRemaining(uuids::add);
        List<String> before = uuids.subList(0, 3);
        List<String> after = uuids.subList(3, 6);
        manifest = manifestOf(all, before);
        String feedUrl = serveFeed();
        String stateUrl = sharedStateStore();

        Path cluster = tmp.resolve("cluster");
        Instance a = new Instance("a", start("a", cluster, feedUrl, stateUrl));
        Instance b = new Instance("b", start("b", cluster, feedUrl, stateUrl));
        await().atMost(Duration.ofSeconds(60)).until(() -> a.metricsUrl().isPresent() && b.metricsUrl().isPresent()
                || !a.process.isAlive() || !b.process.isAlive());
        assertThat(a.process.isAlive() && b.process.isAlive()).as("both running (see a.log, b.log)").isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> a.leads() || b.leads());
        Instance leader = a.leads() ? a : b;
        Instance follower = leader == a ? b : a;
        // run's summary marks the pollers as waiting for leadership
        assertThat(follower.log()).containsPattern("misp-feed-to-stix-files +leader ")
                .contains("cluster:     instance " + follower.id + " in 'ctiflow'");

        // the leader fetches the three events; then a further poll of the manifest, so its checkpoint holds all three
        await().atMost(Duration.ofSeconds(20)).until(() -> bundles(leader).size() == 3);
        int manifestReads = count("manifest.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("manifest.json") >= manifestReads + 2);
        assertThat(follower.leads()).as("the follower never led").isFalse();
        assertThat(bundles(follower)).as("the follower polled nothing").isEmpty();
        before.forEach(uuid -> assertThat(count(uuid + ".json")).as(uuid + " fetched once").isEqualTo(1));
        assertThat(leader.metrics()).contains("ctiflow_cluster_leader{instance_id=\"" + leader.id + "\",namespace=\"ctiflow\"} 1")
                .contains("ctiflow_instance_info{instance_id=\"" + leader.id + "\"} 1");
        assertThat(follower.metrics()).contains("ctiflow_cluster_leader{instance_id=\"" + follower.id + "\",namespace=\"ctiflow\"} 0");
        // a follower is ready: its stopped pollers wait for leadership, they are not failing
        assertThat(follower.get("/observe/health/ready").statusCode()).as(follower.get("/observe/health/ready?data=true").body()).isEqualTo(200);

        long killed = System.nanoTime();
        leader.process.destroyForcibly().waitFor(); // SIGKILL: no shutdown, the lock file's lock dies with the process
        manifest = manifestOf(all, uuids);
        await().atMost(FAILOVER_BOUND).until(follower::leads);
        Duration failover = Duration.ofNanos(System.nanoTime() - killed);
        System.out.println("LeaderFailoverTest: leadership moved from " + leader.id + " to " + follower.id + " in " + failover.toMillis() + " ms");

        await().atMost(Duration.ofSeconds(20)).until(() -> bundles(follower).size() == 3);
        int reads = count("manifest.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("manifest.json") >= reads + 2);
        uuids.forEach(uuid -> assertThat(count(uuid + ".json")).as(uuid + " fetched exactly once in all").isEqualTo(1));
        assertThat(bundles(leader)).allSatisfy(name -> assertThat(before).anySatisfy(uuid -> assertThat(name).contains(uuid)));
        assertThat(bundles(follower)).hasSize(3).allSatisfy(name -> assertThat(after).anySatisfy(uuid -> assertThat(name).contains(uuid)));
        assertThat(follower.log()).contains("[" + follower.id + "] [ClusterLeadership] instance " + follower.id + " leads 'ctiflow'");
        // the sharing decisions name the instance that made them
        assertThat(Files.readString(tmp.resolve(follower.id).resolve("work/audit/decisions.jsonl")))
                .contains("\"instance\":\"" + follower.id + "\"");
    }

    private Process start(String id, Path cluster, String feedUrl, String stateUrl) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(id));
        List<String> config = List.of(
                "-Dctiflow.work=" + dir.resolve("work"),
                "-Dctiflow.instance.id=" + id,
                "-Dctiflow.management.port=0",
                "-Dctiflow.cluster.enabled=true",
                "-Dctiflow.cluster.root=" + cluster,
                "-Dctiflow.cluster.acquire-delay=200",
                "-Dctiflow.cluster.acquire-interval=1000",
                "-Dctiflow.cluster.heartbeat-timeout-multiplier=3",
                "-Dctiflow.state.url=" + stateUrl,
                "-Dctiflow.state.user=" + stateUser,
                "-Dctiflow.misp-feed.enabled=true",
                "-Dctiflow.misp-feed.name=" + feedName,
                "-Dctiflow.misp-feed.url=" + feedUrl,
                "-Dctiflow.misp-feed.delay=300");
        Process child = ChildCtiflow.start(dir, dir.resolve(id + ".log"), config, List.of("run"));
        children.add(child);
        return child;
    }

    /** The feed folder over HTTP, its manifest whatever the test holds now; counts the GETs of each file. */
    private String serveFeed() throws IOException {
        feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/feed/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/feed/".length());
            gets.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            Path file = FEED.resolve(name).normalize();
            byte[] body = name.equals("manifest.json") ? manifest
                    : file.startsWith(FEED) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        feed.start();
        return "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed";
    }

    /** PostgreSQL when the environment names one (as in CI), else an H2 server that outlives the killed leader. */
    private String sharedStateStore() throws Exception {
        String postgres = System.getenv("CTIFLOW_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            return postgres;
        }
        stateUser = "sa";
        database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", tmp.resolve("db").toString()).start();
        return "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/state";
    }

    private static byte[] manifestOf(ObjectNode all, List<String> uuids) {
        ObjectNode some = all.objectNode();
        uuids.forEach(uuid -> some.set(uuid, all.get(uuid)));
        return some.toString().getBytes(StandardCharsets.UTF_8);
    }

    private int count(String name) {
        AtomicInteger n = gets.get(name);
        return n == null ? 0 : n.get();
    }

    /** The bundle files an instance wrote. */
    private List<String> bundles(Instance instance) throws IOException {
        Path outbox = tmp.resolve(instance.id).resolve("work/stix");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }

    private final class Instance {
        final String id;
        final Process process;

        Instance(String id, Process process) {
            this.id = id;
            this.process = process;
        }

        String log() {
            try {
                return Files.readString(tmp.resolve(id).resolve(id + ".log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean leads() {
            return log().contains("instance " + id + " leads 'ctiflow'");
        }

        Optional<String> metricsUrl() {
            Matcher m = METRICS_URL.matcher(log());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        String metrics() throws IOException, InterruptedException {
            return get("/observe/metrics").body();
        }

        /** A path of its management server (at a free port, printed at start). */
        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            URI uri = URI.create(metricsUrl().orElseThrow()).resolve(path);
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}

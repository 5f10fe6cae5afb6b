package io.ctiflow.kafka;

import io.ctiflow.app.bench.UrlhausFeedGenerator;
import io.ctiflow.faults.ChildCtiflow;
import io.ctiflow.stix.Stix;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ctiflow instances (real child JVMs) share the filtering and publishing through a real Kafka broker
 * (ctiflow.share.via-kafka): instance A reads the inbox and sends each batch to the share topic (4 partitions);
 * A and B consume it in one group. Every batch is shared by exactly one of them, both get work, and together
 * they share every object the input produced. Then B is killed (SIGKILL) in the middle of a second input:
 * its partitions move to A, which shares what B had not finished, so nothing is lost.
 */
@ExtendWith(KafkaBroker.Shared.class)
class ShareViaKafkaTest {

    private static final int ROWS = 3_000;
    private static final String DESTINATION = "cert-eu";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the children's logs stay when it fails
    Path tmp;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void twoInstancesShareTheBatchesOfOneInputAndTheSurvivorFinishesWhatAKilledOneLeft() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = KafkaTestData.topic("share");
        String group = topic + "-workers";
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(20, TimeUnit.SECONDS);
        }
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Process ingestAndWork = start(a, broker, topic, group, "a.log");
        Process work = start(b, broker, topic, group, "b.log");
        awaitMembers(broker, group, 2);

        drop(a, "first.csv", ROWS);
        await().atMost(Duration.ofSeconds(120)).until(() -> done(a, "first.csv") && shared(a, b).containsAll(produced(a)) || !bothAlive(ingestAndWork, work));
        assertThat(bothAlive(ingestAndWork, work)).as("both instances still run (see a.log, b.log)").isTrue();
        Set<String> first = produced(a);
        assertThat(first).as("indicators of the first input").hasSizeGreaterThan(ROWS / 2);
        assertThat(shared(a, b)).as("shared with " + DESTINATION + " by A and B together").containsAll(first);
        List<String> byA = bundleNames(a);
        List<String> byB = bundleNames(b);
        assertThat(byA).as("A filtered some batches").isNotEmpty();
        assertThat(byB).as("B filtered some batches").isNotEmpty();
        assertThat(byA).as("no batch filtered by both").doesNotContainAnyElementsOf(byB);
        assertThat(Files.readString(b.resolve("audit/decisions.jsonl"))).as("B's own audit log records its decisions").contains("\"destination\":\"" + DESTINATION + "\"");

        int sharedByBBefore = byB.size();
        drop(a, "second.csv", 2 * ROWS); // the first input's rows again, then as many new ones
        await().atMost(Duration.ofSeconds(60)).until(() -> bundleNames(b).size() > sharedByBBefore || !work.isAlive());
        work.destroyForcibly().waitFor(); // SIGKILL: B leaves without telling the group; its partitions move after the session timeout
        await().atMost(Duration.ofSeconds(120)).until(() -> done(a, "second.csv") && shared(a, b).containsAll(produced(a)) || !ingestAndWork.isAlive());
        assertThat(ingestAndWork.isAlive()).as("A still runs (see a.log)").isTrue();
        Set<String> all = produced(a);
        assertThat(all).hasSizeGreaterThan(first.size() + ROWS / 2);
        assertThat(shared(a, b)).as("every indicator of both inputs shared, by B before it died or by A after").containsAll(all);
    }

    private Process start(Path work, KafkaBroker broker, String topic, String group, String log) throws IOException {
        Files.createDirectories(work);
        Process p = ChildCtiflow.start(tmp, tmp.resolve(log), List.of(
                "-Dctiflow.work=" + work,
                "-Dctiflow.batch.size=200",
                "-Dctiflow.inbox.delay=200",
                "-Dctiflow.management.enabled=false",
                "-Dctiflow.console.enabled=false",
                "-Dctiflow.share.via-kafka=true",
                "-Dctiflow.kafka.brokers=" + broker.bootstrap(),
                "-Dctiflow.share.topic=" + topic,
                "-Dctiflow.share.group=" + group,
                "-Dctiflow.share.session-timeout=6000",
                "-Dctiflow.kafka.source.poll-timeout=500"), List.of("run"));
        children.add(p);
        return p;
    }

    /** Waits until the group has {@code n} members with partitions, so the input is spread over all of them. */
    private static void awaitMembers(KafkaBroker broker, String group, int n) {
        try (Admin admin = broker.admin()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(5, TimeUnit.SECONDS).get(group);
                return d.members().size() == n && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private void drop(Path work, String name, int rows) throws IOException {
        Path input = UrlhausFeedGenerator.write(tmp.resolve(name), rows);
        Path inbox = Files.createDirectories(work.resolve("inbox/urlhaus"));
        Files.move(Files.copy(input, inbox.resolve("." + name)), inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean done(Path work, String name) {
        return Files.exists(work.resolve("inbox/.done/urlhaus/" + name));
    }

    private static boolean bothAlive(Process a, Process b) {
        return a.isAlive() && b.isAlive();
    }

    /** The indicators in the ingesting instance's outbox (every batch it mapped). */
    private static Set<String> produced(Path work) throws IOException {
        return indicatorIds(work.resolve("stix"));
    }

    /** The indicators shared with the destination by either instance. */
    private static Set<String> shared(Path a, Path b) throws IOException {
        Set<String> ids = indicatorIds(a.resolve("share").resolve(DESTINATION));
        ids.addAll(indicatorIds(b.resolve("share").resolve(DESTINATION)));
        return ids;
    }

    private static Set<String> indicatorIds(Path dir) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path f : bundles(dir)) {
            Stix.mapper().readTree(f.toFile()).path("objects").forEach(o -> {
                if (o.path("type").asText().equals("indicator")) {
                    ids.add(o.path("id").asText());
                }
            });
        }
        return ids;
    }

    private static List<String> bundleNames(Path work) throws IOException {
        return bundles(work.resolve("share").resolve(DESTINATION)).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** Whole bundle files (temporary ones start with a dot). */
    private static List<Path> bundles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }
}

package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.bench.UrlhausFeedGenerator;
import io.ctiflow.taxii.server.Passwords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ctiflow (a child process: `run` with the embedded TAXII server) is killed with SIGKILL in the
 * middle of a large input and started again on the same work folder: the input is read again from
 * the start, and in the end every collection holds each object of its destination's view exactly
 * once (every version read: nothing published twice, nothing missing), and no temporary file is
 * left in the outbox or the share.
 */
class KillAndRestartTest {

    /** Kept small enough for a loaded 2-core machine: about 3 s per 1,000-object batch with three embedded collections. */
    private static final int ROWS = 6_000;
    private static final String PASSWORD = "kill-test-password-not-a-secret";
    private static final List<String> COLLECTIONS = List.of("cert-eu", "ncsc-uk", "us-isac");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the child's logs stay when it fails
    Path tmp;

    private Process ctiflow;

    @AfterEach
    void stop() throws InterruptedException {
        if (ctiflow != null && ctiflow.isAlive()) {
            ctiflow.destroyForcibly().waitFor();
        }
    }

    @Test
    void aRunKilledMidInputAndRestartedPublishesEveryObjectExactlyOnce() throws Exception {
        Path work = tmp.resolve("work");
        int port = CollectionContents.freePort();
        // as -D system properties, which override ctiflow-defaults.properties (and would override a --config file)
        List<String> config = List.of(
                "-Dctiflow.work=" + work,
                "-Dctiflow.batch.size=500",
                "-Dctiflow.inbox.delay=200",
                "-Dctiflow.taxii.server.enabled=true",
                "-Dctiflow.taxii.server.port=" + port,
                "-Dctiflow.taxii.server.admin-password-hash=" + Passwords.hash(PASSWORD.toCharArray(), 10_000));
        Path input = UrlhausFeedGenerator.write(tmp.resolve("big.csv"), ROWS);
        Path inbox = Files.createDirectories(work.resolve("inbox/urlhaus"));
        Files.move(Files.copy(input, inbox.resolve(".big.csv")), inbox.resolve("big.csv"), StandardCopyOption.ATOMIC_MOVE);
        Path done = work.resolve("inbox/.done/urlhaus/big.csv");
        Path share = work.resolve("share/cert-eu");

        ctiflow = start(config, tmp.resolve("first.log"));
        await().atMost(Duration.ofSeconds(60)).until(() -> bundles(share) >= 3 || !ctiflow.isAlive());
        assertThat(ctiflow.isAlive()).as("still running (see first.log)").isTrue();
        ctiflow.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean close of H2
        long publishedBeforeKill = bundles(share);
        assertThat(Files.exists(done)).as("killed before the input was finished").isFalse();

        ctiflow = start(config, tmp.resolve("second.log"));
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(done) || !ctiflow.isAlive());
        assertThat(Files.exists(done)).as("the restarted run finished the input (see second.log)").isTrue();
        assertThat(bundles(share)).isGreaterThan(publishedBeforeKill);

        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String collection : COLLECTIONS) {
            Set<String> expected = CollectionContents.bundleIds(work.resolve("share").resolve(collection));
            List<JsonNode> held = CollectionContents.read("http://127.0.0.1:" + port + "/ctiflow/", admin, collection);
            assertThat(expected).as(collection).hasSizeGreaterThan(500);
            Map<String, Integer> counts = CollectionContents.idCounts(held);
            assertThat(counts).as(collection + ": every object exactly once").containsOnlyKeys(expected)
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            assertThat(held).hasSize(expected.size());
        }
        assertThat(temporaryFiles(work.resolve("stix"))).isEmpty();
        assertThat(temporaryFiles(work.resolve("share"))).isEmpty();
        assertThat(work.resolve("deadletter/failed-inputs.jsonl")).doesNotExist();
        assertThat(work.resolve("deadletter/failed-deliveries.jsonl")).doesNotExist();
    }

    private Process start(List<String> config, Path log) throws IOException {
        return ChildCtiflow.start(tmp, log, config, List.of("run"));
    }

    /** Whole bundle files in the folder (temporary ones start with a dot). */
    private static long bundles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static List<Path> temporaryFiles(Path dir) throws IOException {
        List<Path> temps = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(".writing-")).forEach(temps::add);
        }
        return temps;
    }
}

package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.RuntimeTestSupport;
import io.ctiflow.app.bench.UrlhausFeedGenerator;
import io.ctiflow.stix.Stix;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ctiflow.app.RuntimeTestSupport.files;
import static io.ctiflow.app.RuntimeTestSupport.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox is read-only, or its disk fills up, while an input is converted: the input fails
 * with a reason naming the directory and the cause, it is moved to inbox/.failed/ to be retried,
 * the outbox holds only complete bundles (no partial or temporary files), and once the fault is
 * gone the same input goes through on the running instance.
 * Read-only is {@code chattr +i} as root (root ignores permissions), {@code chmod 555} otherwise;
 * a full disk is a small tmpfs, which needs root.
 */
class OutputDirectoryFaultsTest {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static Path base;
    private static final List<Path> mounts = new ArrayList<>();
    private static final List<Path> immutable = new ArrayList<>();

    private Main main;

    @BeforeAll
    static void base() throws IOException {
        base = Files.createTempDirectory("ctiflow-output-faults");
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (Path p : immutable) {
            run("chattr", "-i", p.toString());
        }
        for (Path p : mounts) {
            run("umount", p.toString());
        }
        try (var walk = Files.walk(base)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aReadOnlyOutboxFailsTheInputCleanlyAndItGoesThroughOnceWritable() throws Exception {
        Path work = base.resolve("read-only");
        Path outbox = Files.createDirectories(work.resolve("stix"));
        if (ROOT) {
            Assumptions.assumeTrue(run("chattr", "+i", outbox.toString()) == 0, "chattr +i is not supported on " + outbox);
            immutable.add(outbox);
        } else {
            outbox.toFile().setWritable(false, false);
        }
        Assumptions.assumeFalse(Files.isWritable(outbox) && canCreate(outbox), "cannot make " + outbox + " read-only here");

        main = RuntimeTestSupport.start(work, Map.of("ctiflow.share.enabled", "false"));
        Path inbox = work.resolve("inbox");
        RuntimeTestSupport.drop(UrlhausFeedGenerator.write(base.resolve("ro-input.csv"), 300), inbox, "urlhaus/feed.csv");
        RuntimeTestSupport.awaitInputs(main, inbox, ".failed", 1);

        JsonNode failure = onlyFailure(work);
        assertThat(failure.path("input").asText()).contains("feed.csv");
        assertThat(failure.path("reason").asText()).contains(outbox.toString()).containsAnyOf("Operation not permitted", "Permission denied", "AccessDenied");
        assertThat(files(outbox)).isEmpty();

        // fixed: the operator moves the input back in; the same instance converts it
        if (ROOT) {
            run("chattr", "-i", outbox.toString());
            immutable.remove(outbox);
        } else {
            outbox.toFile().setWritable(true, false);
        }
        retry(inbox, "urlhaus/feed.csv");
        RuntimeTestSupport.awaitInputs(main, inbox, ".done", 1);
        assertOnlyCompleteBundles(outbox);
        assertThat(files(outbox)).isNotEmpty();
    }

    @Test
    void aFullDiskFailsTheInputCleanlyAndLeavesOnlyCompleteBundles() throws Exception {
        Assumptions.assumeTrue(ROOT, "a full disk is simulated with a small tmpfs, which needs root");
        Path work = base.resolve("full");
        Path outbox = Files.createDirectories(work.resolve("stix"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", outbox.toString()) == 0, "cannot mount a tmpfs on " + outbox);
        mounts.add(outbox);

        main = RuntimeTestSupport.start(work, Map.of("ctiflow.share.enabled", "false", "ctiflow.batch.size", "500"));
        Path inbox = work.resolve("inbox");
        RuntimeTestSupport.drop(UrlhausFeedGenerator.write(base.resolve("full-input.csv"), 6000), inbox, "urlhaus/big.csv");
        RuntimeTestSupport.awaitInputs(main, inbox, ".failed", 1);

        JsonNode failure = onlyFailure(work);
        assertThat(failure.path("input").asText()).contains("big.csv");
        assertOnlyCompleteBundles(outbox);
        assertThat(failure.path("reason").asText()).contains(outbox.toString()).contains("No space left on device");

        // space again: the retried input rewrites the same bundle names, nothing doubles
        Assumptions.assumeTrue(run("mount", "-o", "remount,size=64m", outbox.toString()) == 0, "cannot grow the tmpfs");
        retry(inbox, "urlhaus/big.csv");
        RuntimeTestSupport.awaitInputs(main, inbox, ".done", 1);
        assertOnlyCompleteBundles(outbox);
        List<String> names = files(outbox).stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names).hasSizeGreaterThan(2).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, names.size())
                .mapToObj(n -> String.format("urlhaus-big-%05d.json", n)).toList());
    }

    private static JsonNode onlyFailure(Path work) throws IOException {
        List<JsonNode> failed = jsonLines(work.resolve("deadletter/failed-inputs.jsonl"));
        assertThat(failed).hasSize(1);
        return failed.get(0);
    }

    /** Every file in the folder is a whole, parseable bundle: no temporary (dot) file, nothing cut off. */
    private static void assertOnlyCompleteBundles(Path dir) throws IOException {
        try (var list = Files.list(dir)) {
            for (Path f : list.toList()) {
                assertThat(f.getFileName().toString()).as("no temporary file").doesNotStartWith(".");
                assertThat(Stix.mapper().readTree(f.toFile()).path("type").asText()).as(f + " is a whole bundle").isEqualTo("bundle");
            }
        }
    }

    private static void retry(Path inbox, String relative) throws IOException {
        Path failed = inbox.resolve(".failed").resolve(relative);
        Path again = inbox.resolve(relative);
        Files.createDirectories(again.getParent());
        Files.move(failed, again, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean canCreate(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        if (code != 0) {
            System.err.println(String.join(" ", command) + ": exit " + code + ": " + out.strip());
        }
        return code;
    }
}

package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowRouteTestSupport;
import io.ctiflow.app.RuntimeTestSupport;
import io.ctiflow.app.bench.UrlhausFeedGenerator;
import io.ctiflow.stix.Stix;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.IntStream;

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
@CtiflowRouteTestSupport.TestProperties({"ctiflow.share.enabled", "false"})
class OutputDirectoryFaultsTest extends CtiflowRouteTestSupport {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final String ROUTE = "csv-files-to-stix-files";

    @TempDir
    Path inputs;

    private Path immutable;
    private Path mount;

    /** The outbox made writable (or unmounted) again before the work directory is removed. */
    @Override
    protected void cleanupResources() throws Exception {
        if (immutable != null) {
            run("chattr", "-i", immutable.toString());
        }
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    @Test
    void aReadOnlyOutboxFailsTheInputCleanlyAndItGoesThroughOnceWritable() throws Exception {
        Path outbox = Files.createDirectories(work.resolve("stix"));
        if (ROOT) {
            Assumptions.assumeTrue(run("chattr", "+i", outbox.toString()) == 0, "chattr +i is not supported on " + outbox);
            immutable = outbox;
        } else {
            outbox.toFile().setWritable(false, false);
        }
        Assumptions.assumeFalse(Files.isWritable(outbox) && canCreate(outbox), "cannot make " + outbox + " read-only here");

        Path inbox = work.resolve("inbox");
        NotifyBuilder failed = whenFailed(ROUTE, 1);
        RuntimeTestSupport.drop(UrlhausFeedGenerator.write(inputs.resolve("ro-input.csv"), 300), inbox, "urlhaus/feed.csv");
        assertDone(failed);
        assertThat(files(inbox.resolve(".failed"))).hasSize(1);

        JsonNode failure = onlyFailure(work);
        assertThat(failure.path("input").asText()).contains("feed.csv");
        assertThat(failure.path("reason").asText()).contains(outbox.toString()).containsAnyOf("Operation not permitted", "Permission denied", "AccessDenied");
        assertThat(files(outbox)).isEmpty();

        // fixed: the operator moves the input back in; the same instance converts it
        if (ROOT) {
            run("chattr", "-i", outbox.toString());
            immutable = null;
        } else {
            outbox.toFile().setWritable(true, false);
        }
        NotifyBuilder done = whenDone(ROUTE, 1);
        retry(inbox, "urlhaus/feed.csv");
        assertDone(done);
        assertThat(files(inbox.resolve(".done"))).hasSize(1);
        assertOnlyCompleteBundles(outbox);
        assertThat(files(outbox)).isNotEmpty();
    }

    @Test
    @TestProperties({"ctiflow.batch.size", "500"})
    void aFullDiskFailsTheInputCleanlyAndLeavesOnlyCompleteBundles() throws Exception {
        Assumptions.assumeTrue(ROOT, "a full disk is simulated with a small tmpfs, which needs root");
        Path outbox = Files.createDirectories(work.resolve("stix"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", outbox.toString()) == 0, "cannot mount a tmpfs on " + outbox);
        mount = outbox;

        Path inbox = work.resolve("inbox");
        NotifyBuilder failed = whenFailed(ROUTE, 1);
        RuntimeTestSupport.drop(UrlhausFeedGenerator.write(inputs.resolve("full-input.csv"), 6000), inbox, "urlhaus/big.csv");
        assertDone(failed);
        assertThat(files(inbox.resolve(".failed"))).hasSize(1);

        JsonNode failure = onlyFailure(work);
        assertThat(failure.path("input").asText()).contains("big.csv");
        assertOnlyCompleteBundles(outbox);
        assertThat(failure.path("reason").asText()).contains(outbox.toString()).contains("No space left on device");

        // space again: the retried input rewrites the same bundle names, nothing doubles
        Assumptions.assumeTrue(run("mount", "-o", "remount,size=64m", outbox.toString()) == 0, "cannot grow the tmpfs");
        NotifyBuilder done = whenDone(ROUTE, 1);
        retry(inbox, "urlhaus/big.csv");
        assertDone(done);
        assertThat(files(inbox.resolve(".done"))).hasSize(1);
        assertOnlyCompleteBundles(outbox);
        List<String> names = files(outbox).stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names).hasSizeGreaterThan(2).containsExactlyElementsOf(IntStream.rangeClosed(1, names.size())
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

package io.ctiflow.ops;

import io.ctiflow.app.bench.UrlhausFeedGenerator;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while a large inbox file is being converted: the child `ctiflow run` exits by itself,
 * leaves no half-written bundle (.writing-*), every bundle file is complete JSON, and the input
 * either finished (moved to .done) or is still in the inbox for the next start.
 */
class GracefulShutdownTest {

    /** Enough rows to be mid-file when the signal comes, few enough to finish within the shutdown timeout on a busy machine. */
    private static final int ROWS = 40_000;

    @TempDir
    Path dir;

    @Test
    void sigtermMidRunFinishesCleanly() throws Exception {
        Path work = dir.resolve("work");
        Path big = UrlhausFeedGenerator.write(dir.resolve("big.csv"), ROWS);
        Path config = Files.writeString(dir.resolve("prod.properties"), "ctiflow.progress.interval = 1\n");
        try (ChildRuntime child = ChildRuntime.start(dir, config, Map.of("ctiflow.work", work.toString(),
                "ctiflow.inbox.delay", "100", "ctiflow.batch.size", "500", "ctiflow.shutdown-timeout", "300"), Map.of())) {
            child.awaitOrDump(Duration.ofSeconds(90), () -> child.stdout().contains("ctiflow started"));
            Path inbox = work.resolve("inbox/urlhaus");
            Files.createDirectories(inbox);
            Path temp = inbox.resolve(".big.csv");
            Files.copy(big, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, inbox.resolve("big.csv"), StandardCopyOption.ATOMIC_MOVE);
            // mid-run: some bundles written, the input not finished yet
            child.awaitOrDump(Duration.ofSeconds(90), () -> bundles(work.resolve("stix")).size() >= 3);
            assertThat(files(work.resolve("inbox/.done"))).as("still converting when the signal comes").isEmpty();

            child.process.destroy();   // SIGTERM
            boolean exited = child.process.waitFor(120, TimeUnit.SECONDS);
            assertThat(exited).as("ctiflow exits on SIGTERM").isTrue();

            assertThat(files(work)).as("no half-written files").noneMatch(p -> p.getFileName().toString().startsWith(".writing-"));
            List<Path> written = bundles(work.resolve("stix"));
            assertThat(written).isNotEmpty();
            for (Path bundle : written) {
                assertThat(Stix.mapper().readTree(bundle.toFile()).path("type").asText()).as(bundle.toString()).isEqualTo("bundle");
            }
            for (Path shared : bundles(work.resolve("share"))) {
                assertThat(Stix.mapper().readTree(shared.toFile()).path("type").asText()).as(shared.toString()).isEqualTo("bundle");
            }
            // the in-flight input was finished, not cut: moved to .done with every record converted
            assertThat(Files.exists(work.resolve("inbox/.done/urlhaus/big.csv"))).as("files: " + files(work.resolve("inbox"))
                    + "\nlog:\n" + String.join("\n", child.stderrLines())).isTrue();
            List<String> log = child.stderrLines();
            assertThat(log).anyMatch(l -> l.contains("done urlhaus urlhaus/big.csv: " + ROWS + " records"));
            long objects = 0;
            for (Path bundle : written) {
                objects += Stix.mapper().readTree(bundle.toFile()).path("objects").size();
            }
            assertThat(objects).as("objects in the bundles").isGreaterThanOrEqualTo(ROWS);
            // progress lines came while the file was read
            assertThat(log).anyMatch(l -> l.contains("progress urlhaus") && l.contains("records/s"));
        }
    }

    private static List<Path> bundles(Path dir) throws IOException {
        return files(dir).stream().filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}

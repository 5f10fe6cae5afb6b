package io.ctiflow.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ops configure ctiflow with environment variables: CTIFLOW_BATCH_SIZE overrides ctiflow.batch.size.
 * Environment variables are per process, so this runs the CLI in a child JVM, as ./ctiflow does.
 */
class EnvironmentOverrideTest {

    @TempDir
    Path tmp;

    @Test
    void environmentVariablesOverrideApplicationProperties() throws Exception {
        assertThat(bundlesWritten(null)).hasSize(20);
        assertThat(bundlesWritten("25")).hasSizeGreaterThan(20);
    }

    private List<Path> bundlesWritten(String batchSize) throws IOException, InterruptedException {
        Path work = tmp.resolve(batchSize == null ? "default" : "batch-" + batchSize);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dctiflow.home=.",
                CtiflowCli.class.getName(), "demo", "--once", "--work", work.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out-" + work.getFileName() + ".txt").toFile());
        pb.environment().remove("CTIFLOW_BATCH_SIZE");
        if (batchSize != null) {
            pb.environment().put("CTIFLOW_BATCH_SIZE", batchSize);
        }
        Process process = pb.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(tmp.resolve("out-" + work.getFileName() + ".txt"))).isZero();
        try (Stream<Path> files = Files.list(work.resolve("stix"))) {
            return files.toList();
        }
    }
}

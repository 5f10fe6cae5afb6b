package io.ctiflow.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release archive that mvn package made (target/ctiflow-<version>.tar.gz), unpacked and run as an operator
 * runs it: from another directory, with the work folder set by the environment. Runs after package (failsafe).
 */
class DistributionIT {

    @TempDir
    static Path tmp;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("ctiflow.dist"));
        assertThat(archive).as("built by mvn package").exists();
        Run untar = run(List.of("tar", "-xzf", archive.toString(), "-C", tmp.toString()), tmp, Map.of());
        assertThat(untar.code).as(untar.out).isZero();
        home = tmp.resolve("ctiflow-" + System.getProperty("ctiflow.version"));
    }

    private record Run(int code, String out) {
    }

    private static Run run(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void theArchiveHoldsWhatCtiflowReadsAtRunTime() {
        for (String folder : List.of("bin", "lib", "routes", "mappings", "policies", "connectors", "config", "examples")) {
            assertThat(home.resolve(folder)).isDirectory();
        }
        assertThat(home.resolve("bin/ctiflow")).isExecutable();
        assertThat(home.resolve("lib/ctiflow-core-" + System.getProperty("ctiflow.version") + ".jar")).exists();
    }

    @Test
    void itSaysItsVersionAndChecksItsRoutesFromAnyDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Run version = run(List.of(home.resolve("bin/ctiflow").toString(), "--version"), elsewhere, Map.of());
        assertThat(version.out.strip()).isEqualTo("ctiflow " + System.getProperty("ctiflow.version"));

        Path work = tmp.resolve("var-lib-ctiflow");
        Run check = run(List.of(home.resolve("bin/ctiflow").toString(), "run", "--check"), elsewhere, Map.of("CTIFLOW_WORK", work.toString()));
        assertThat(check.code).as(check.out).isZero();
        assertThat(check.out).contains("14 loaded from routes/").contains(work.resolve("inbox").toString())
                .contains(home.resolve("policies").toString());
    }

    @Test
    void itConvertsAnExampleFeedWithTheInstalledMappings() throws Exception {
        Path bundle = tmp.resolve("urlhaus.json");
        Path csv = home.resolve("examples/feeds/urlhaus/urlhaus-recent-sample.csv");
        Run convert = run(List.of(home.resolve("bin/ctiflow").toString(), "convert", "-m", "urlhaus", csv.toString(), "-o", bundle.toString()),
                tmp, Map.of());
        assertThat(convert.code).as(convert.out).isZero();
        assertThat(Files.readString(bundle)).contains("\"type\":\"bundle\"").contains("\"type\":\"indicator\"");
    }
}

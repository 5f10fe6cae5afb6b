package io.ctiflow.ops;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
/**
 * {@code ctiflow run} as a real child process (java, the test class path through an @argfile,
 * io.ctiflow.app.CtiflowCli), so signals, environment variables and the log on stderr are real.
 */
final class ChildRuntime implements AutoCloseable {

    final Process process;
    final Path stdout;
    final Path stderr;

    private ChildRuntime(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param properties JVM system properties (they win over ctiflow-defaults.properties and --config)
     * @param env        environment variables added to the child's environment
     */
    static ChildRuntime start(Path dir, Path config, Map<String, String> properties, Map<String, String> env) throws IOException {
        Path argfile = dir.resolve("java.args");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Files.writeString(argfile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argfile, "-Xmx512m", "-Dctiflow.home=" + Path.of("").toAbsolutePath()));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("io.ctiflow.app.CtiflowCli", "run", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new ChildRuntime(builder.start(), out, err);
    }

    String stdout() throws IOException {
        return Files.exists(stdout) ? Files.readString(stdout) : "";
    }

    List<String> stderrLines() throws IOException {
        return Files.exists(stderr) ? Files.readAllLines(stderr) : List.of();
    }

    /** Waits for a condition; when it does not come, the child's output goes into the assertion message. */
    void awaitOrDump(Duration timeout, Callable<Boolean> condition) throws IOException {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("child did not get there in " + timeout + "; alive: " + process.isAlive() + (process.isAlive() ? "" : ", exit " + process.exitValue()) + "; command " + process.info().commandLine().orElse("?") + "\nstdout:\n" + stdout()
                    + "\nstderr:\n" + String.join("\n", stderrLines()), e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

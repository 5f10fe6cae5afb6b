package io.ctiflow.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A ctiflow command as a real child JVM (the test class path through an @argfile), its output in a log file, so SIGKILL is real. */
public final class ChildCtiflow {

    private ChildCtiflow() {
    }

    /**
     * @param jvmArgs e.g. {@code -Dctiflow.work=...} (system properties win over ctiflow-defaults.properties)
     * @param command the CLI arguments, e.g. {@code run} or {@code serve --port 9500}
     */
    public static Process start(Path dir, Path log, List<String> jvmArgs, List<String> command) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path argfile = dir.resolve("java.args");
        Files.writeString(argfile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> all = new ArrayList<>(List.of(java, "-Xmx768m", "@" + argfile, "-Dctiflow.home=" + Path.of("").toAbsolutePath()));
        all.addAll(jvmArgs);
        all.add("io.ctiflow.app.CtiflowCli");
        all.addAll(command);
        return new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}

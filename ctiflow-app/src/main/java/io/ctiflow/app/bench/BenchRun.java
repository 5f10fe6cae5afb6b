package io.ctiflow.app.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The machine and the command a recorded figure comes from: a figure in the docs means little without the
 * cores, heap, JVM and options it was measured with. {@code command} is the bench's own arguments as parsed;
 * the JVM's {@code -Xmx}, if it was given, is put in front as the launcher's {@code JAVA_OPTS}.
 */
public record BenchRun(Instant date, int processors, long maxHeapBytes, String javaVersion, String os, double loadAverage, String command) {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** This JVM, now, running {@code ./ctiflow bench} with {@code arguments}. */
    public static BenchRun now(String arguments) {
        String xmx = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx")).reduce((first, last) -> last).orElse(null); // the last -Xmx wins
        String command = (xmx == null ? "" : "JAVA_OPTS=" + xmx + " ") + "./ctiflow bench" + (arguments.isEmpty() ? "" : " " + arguments);
        return new BenchRun(Instant.now(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                System.getProperty("java.version"), System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), command);
    }

    /** One line for the top of a recorded block. */
    public String markdown() {
        return String.format(Locale.ROOT, "Recorded %s on %d processors, max heap %,d MB, Java %s, %s%s: `%s`",
                MINUTE.format(date), processors, maxHeapBytes >> 20, javaVersion, os,
                loadAverage < 0 ? "" : String.format(Locale.ROOT, ", load average %.1f", loadAverage), command);
    }
}

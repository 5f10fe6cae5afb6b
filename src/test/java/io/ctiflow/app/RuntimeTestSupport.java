package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Starts the real ctiflow runtime (routes/ YAML, application.properties) on a temporary work directory. */
public final class RuntimeTestSupport {

    private RuntimeTestSupport() {
    }

    public static Main start(Path work, Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of("ctiflow.work", work.toString(), "ctiflow.inbox.delay", "50"));
        props.putAll(extra);
        Main main = CtiflowRuntime.create(Path.of("").toAbsolutePath(), null, props);
        main.start();
        return main;
    }

    /** Drops a file into the inbox the way a producer should: write under a dot name, then rename. */
    public static void drop(Path source, Path inbox, String relative) throws IOException {
        Path target = inbox.resolve(relative);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName());
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until {@code count} inputs reached inbox/{@code folder} (.done or .failed) and nothing is in flight. */
    public static void awaitInputs(Main main, Path inbox, String folder, int count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> files(inbox.resolve(folder)).size() == count && main.getCamelContext().getInflightRepository().size() == 0);
    }

    public static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    public static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                lines.add(Stix.mapper().readTree(line));
            }
        }
        return lines;
    }
}

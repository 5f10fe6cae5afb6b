package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What route tests do with the files of a work directory: drop inputs into the inbox, list and read what the routes wrote. */
public final class RuntimeTestSupport {

    private RuntimeTestSupport() {
    }

    /** Drops a file into the inbox the way a producer should: write under a dot name, then rename. */
    public static void drop(Path source, Path inbox, String relative) throws IOException {
        Path target = inbox.resolve(relative);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName());
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
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

package io.ctiflow.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@value #MARKER} markers {@code ctiflow connector new} writes wherever a vendor must put the
 * real thing (provider, descriptions, URL, mapping, samples, provenance, README): a connector with
 * one left is unfinished, however well its placeholder samples pass.
 */
final class ScaffoldMarkers {

    /** What the scaffold writes at every placeholder; nothing else in a finished connector says it. */
    static final String MARKER = "TODO";

    private static final Pattern MARKED = Pattern.compile("\\b" + MARKER + "\\b");
    private static final int SHOWN = 80;

    private ScaffoldMarkers() {
    }

    /** One problem per marked line of every text file in the folder: {@code file:line: ... (the line)}. */
    static List<String> find(Path dir) {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = lines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (MARKED.matcher(lines.get(i)).find()) {
                        problems.add(dir.relativize(file).toString().replace('\\', '/') + ":" + (i + 1)
                                + ": placeholder from the scaffold still to fill in: " + shown(lines.get(i)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return problems;
    }

    /** The file's lines; none for a binary sample, which the scaffold never writes. */
    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            return List.of();
        }
    }

    private static String shown(String line) {
        String s = line.strip();
        return s.length() > SHOWN ? s.substring(0, SHOWN) + "..." : s;
    }
}

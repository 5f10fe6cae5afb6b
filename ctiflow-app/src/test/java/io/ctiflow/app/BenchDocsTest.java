package io.ctiflow.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ctiflow bench} command the README and docs/ show parses with today's bench: a figure in the
 * performance tables must say how to reproduce it, and an option that was renamed or removed fails here.
 */
class BenchDocsTest {

    /** A bench command line as the docs write it, up to the end of the code span, table cell or comment. */
    private static final Pattern BENCH = Pattern.compile("ctiflow bench((?: +--?[a-z][\\w-]*(?: +[\\w.:/][\\w.:/-]*)?| +\\[[^]]*])*)");

    @Test
    void everyDocumentedBenchCommandParses() throws IOException {
        List<String> commands = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (Path page : pages) {
            Matcher m = BENCH.matcher(Files.readString(page));
            while (m.find()) {
                commands.add(page + ": ctiflow bench" + m.group(1));
            }
        }
        assertThat(commands).as("bench commands in the docs").hasSizeGreaterThan(8);
        for (String command : commands) {
            String args = command.substring(command.indexOf("ctiflow bench") + "ctiflow bench".length())
                    .replace("[", " ").replace("]", " ").trim();
            List<String> argv = new ArrayList<>(List.of("bench"));
            if (!args.isEmpty()) {
                argv.addAll(List.of(args.split(" +")));
            }
            try {
                new CommandLine(new CtiflowCli()).parseArgs(argv.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(command + " no longer parses: " + e.getMessage(), e);
            }
        }
    }
}

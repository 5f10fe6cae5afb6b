package io.ctiflow.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ctiflow bench --record}: tiny bench runs write their figures into a Markdown page's block for the mode,
 * naming the machine and the command, with the very numbers the console showed; nothing else on the page changes.
 */
class BenchRecordTest {

    private static final String PROSE_BEFORE = "# Performance\n\nProse before, with `ctiflow bench --policy`.\n\n";
    private static final String CSV_BLOCK = "<!-- bench:csv begin -->\n| old | csv |\n<!-- bench:csv end -->\n";
    private static final String PROSE_AFTER = "\nProse after the block.\r\nA line with a Windows ending and no final newline";

    @TempDir
    Path tmp;

    @Test
    void policyFiguresReplaceOnlyTheirBlockAndEqualTheConsole() throws IOException {
        Path page = tmp.resolve("performance.md");
        String policyBlock = "<!-- bench:policy begin -->\n| old | figures |\n<!-- bench:policy end -->";
        Files.writeString(page, PROSE_BEFORE + CSV_BLOCK + "\n" + policyBlock + PROSE_AFTER);

        CliTest.Run run = bench("--policy", "--objects", "2000", "--rounds", "1", "--record", page.toString());

        String text = Files.readString(page);
        assertThat(text).startsWith(PROSE_BEFORE + CSV_BLOCK + "\n<!-- bench:policy begin -->\n").endsWith("<!-- bench:policy end -->" + PROSE_AFTER);
        String block = block(text, "policy");
        assertThat(block).doesNotContain("old");
        namesTheMachineAndCommand(block, "--policy --objects 2000 --rounds 1");
        figuresAreThoseOnTheConsole(block, run.out(), "warm-up", "round 1", "best");
    }

    @Test
    void aMissingBlockIsAddedAtTheEndUnderAHeading() throws IOException {
        Path page = tmp.resolve("page.md");
        String before = "# Page\n\nNo bench figures yet.\n";
        Files.writeString(page, before);

        CliTest.Run run = bench("--rows", "2000", "--rounds", "1", "--record", page.toString());

        String text = Files.readString(page);
        assertThat(text).startsWith(before + "\n## CSV -> STIX\n\n<!-- bench:csv begin -->\n").endsWith("<!-- bench:csv end -->\n");
        String block = block(text, "csv");
        namesTheMachineAndCommand(block, "--rows 2000 --rounds 1");
        assertThat(block).contains("sides (same JVM, same feed, every round)", "settings: batch size");
        figuresAreThoseOnTheConsole(block, run.out(), "warm-up", "round 1", "best of 1");
        // the console output is what it was before the bench kept a report
        assertThat(run.out()).containsPattern("round 1  ceiling +[\\d,]+ rows/s \\(peak heap +[\\d,]+ MB\\)   CSV -> STIX +[\\d,]+ rows/s")
                .containsPattern("\n {9}default route, sharing on +[\\d,]+ rows/s")
                .containsPattern("\nbest of 1: default route with sharing on [\\d,]+ rows/s, ratio \\d+\\.\\d\\d to CSV -> STIX alone");
    }

    @Test
    void thePerformancePageHasABlockForEveryRecordedMode() throws IOException {
        String page = Files.readString(Path.of("docs/performance.md"));
        for (String mode : List.of("csv", "e2e", "store", "taxii", "policy", "misp", "json", "mail", "sinks")) {
            assertThat(page).as(mode).containsOnlyOnce("<!-- bench:" + mode + " begin -->").containsOnlyOnce("<!-- bench:" + mode + " end -->");
            assertThat(page.indexOf("<!-- bench:" + mode + " begin -->")).as(mode).isLessThan(page.indexOf("<!-- bench:" + mode + " end -->"));
            assertThat(page).as("how to regenerate " + mode).containsPattern("ctiflow bench[^\n]*" + (mode.equals("csv") ? "" : "--" + mode) + "[^\n]*--record docs/performance.md");
        }
    }

    private CliTest.Run bench(String... options) {
        List<String> args = new ArrayList<>(List.of("bench", "--work", tmp.resolve("work").toString()));
        args.addAll(Arrays.asList(options));
        CliTest.Run run = CliTest.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return run;
    }

    private static String block(String page, String mode) {
        Matcher m = Pattern.compile("<!-- bench:" + mode + " begin -->\n(.*?)<!-- bench:" + mode + " end -->", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("block " + mode).isTrue();
        return m.group(1);
    }

    /** The first line: date (UTC), processors, heap, Java, OS and the command as run, which the bench parses again. */
    private static void namesTheMachineAndCommand(String block, String options) {
        String first = block.lines().findFirst().orElseThrow();
        Runtime rt = Runtime.getRuntime();
        assertThat(first).startsWith("Recorded " + LocalDate.now(ZoneOffset.UTC))
                .contains(" UTC on " + rt.availableProcessors() + " processors, max heap " + String.format(Locale.ROOT, "%,d MB", rt.maxMemory() >> 20))
                .contains("Java " + System.getProperty("java.version"), System.getProperty("os.name") + "/" + System.getProperty("os.arch"))
                .contains("./ctiflow bench --work ").contains(options + " --record ");
        String command = first.substring(first.indexOf("./ctiflow bench") + "./ctiflow ".length(), first.lastIndexOf('`'));
        new CommandLine(new CtiflowCli()).parseArgs(command.split(" "));
    }

    /** Every row of the table, cell by cell, is in the console text printed for that row. */
    private static void figuresAreThoseOnTheConsole(String block, String console, String... labels) {
        List<String[]> rows = block.lines().filter(l -> l.startsWith("| ")).skip(1).map(l -> l.substring(2, l.length() - 2).split(" \\| ", -1)).toList();
        assertThat(rows).extracting(r -> r[0]).containsExactly(labels);
        for (String[] row : rows) {
            String printed = printedFor(row[0], console, labels);
            for (int i = 1; i < row.length; i++) {
                if (!row[i].isEmpty()) {
                    assertThat(printed).as("row " + row[0] + ", column " + i).containsPattern("(?<![\\d,.])" + Pattern.quote(row[i]) + "(?![\\d,])");
                }
            }
        }
    }

    /** The console lines from the first starting with {@code label} up to the first starting with another row's label. */
    private static String printedFor(String label, String console, String... labels) {
        List<String> lines = console.lines().toList();
        StringBuilder s = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            boolean other = Arrays.stream(labels).anyMatch(l -> !l.equals(label) && line.startsWith(l) && !label.startsWith(l));
            if (line.startsWith(label)) {
                in = true;
            } else if (other) {
                in = false;
            }
            if (in) {
                s.append(line).append('\n');
            }
        }
        assertThat(s).as("console lines for " + label).isNotEmpty();
        return s.toString();
    }
}

package io.ctiflow.app;

import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ./ctiflow} command docs/audit.md shows is run, in order, with {@code work/} in a temporary folder: it
 * must exit as the page says ({@code # exit 1}, else 0), and where the page shows its output in a {@code text} block
 * right after, the output must be that (times and hashes, which differ per run, compared as placeholders).
 */
class AuditDocsTest {

    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    record Step(String command, int exit, String output) {
    }

    static List<Step> steps(String page) {
        List<Step> steps = new ArrayList<>();
        Matcher m = BLOCK.matcher(page);
        while (m.find()) {
            if (m.group(1).equals("bash")) {
                for (String line : m.group(2).split("\n")) {
                    if (line.startsWith("./ctiflow ")) {
                        int hash = line.indexOf(" #");
                        String comment = hash < 0 ? "" : line.substring(hash);
                        steps.add(new Step((hash < 0 ? line : line.substring(0, hash)).strip(), comment.contains("exit 1") ? 1 : 0, null));
                    }
                }
            } else if (m.group(1).equals("text") && !steps.isEmpty() && steps.get(steps.size() - 1).output() == null
                    && page.substring(0, m.start()).stripTrailing().endsWith("```")) {
                Step last = steps.remove(steps.size() - 1);
                steps.add(new Step(last.command(), last.exit(), m.group(2)));
            }
        }
        return steps;
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>").replaceAll("[0-9a-f]{64}", "<hash>").strip();
    }

    @Test
    void everyCommandOfTheAuditPageRunsAsShown() throws IOException {
        String page = Files.readString(Path.of("docs/audit.md"));
        List<Step> steps = steps(page);
        assertThat(steps).extracting(Step::command).anyMatch(c -> c.startsWith("./ctiflow audit verify"))
                .anyMatch(c -> c.startsWith("./ctiflow audit search")).anyMatch(c -> c.startsWith("./ctiflow audit transfers"))
                .anyMatch(c -> c.startsWith("./ctiflow policy diff"));
        String work = tmp.toString();
        for (Step step : steps) {
            String[] args = Arrays.stream(step.command().substring("./ctiflow ".length()).split(" +"))
                    .map(a -> a.startsWith("work/") ? work + a.substring(4) : a).toArray(String[]::new);
            CliTest.Run run = CliTest.run(args);
            assertThat(run.code()).as(step.command() + "\n" + run.out() + run.err()).isEqualTo(step.exit());
            if (step.output() != null) {
                assertThat(normalise(run.out().replace(work, "work"))).as(step.command()).isEqualTo(normalise(step.output()));
            }
        }
    }

    @Test
    void theRecordShownHasTheFieldsARealRecordHas() throws IOException {
        String page = Files.readString(Path.of("docs/audit.md"));
        Matcher m = Pattern.compile("```json\\n(\\{\"time\".*?)\\n```", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("docs/audit.md shows a record").isTrue();
        var shown = Stix.mapper().readTree(m.group(1));
        CliTest.Run filter = CliTest.run("filter", "-d", "ncsc-uk", "docs/examples/policy-change/shadowserver-sinkhole.json", "-o",
                tmp.resolve("out.json").toString(), "--audit-dir", tmp.resolve("audit").toString());
        assertThat(filter.code()).as(filter.err()).isZero();
        var real = RuntimeTestSupport.jsonLines(tmp.resolve("audit/decisions.jsonl")).stream()
                .filter(r -> r.path("object").asText().equals(shown.path("object").asText())).findFirst().orElseThrow();
        List<String> shownFields = new ArrayList<>();
        shown.fieldNames().forEachRemaining(shownFields::add);
        List<String> realFields = new ArrayList<>();
        real.fieldNames().forEachRemaining(realFields::add);
        assertThat(shownFields).isEqualTo(realFields);
        assertThat(shown.path("personal")).isEqualTo(real.path("personal"));
        assertThat(shown.path("reason")).isEqualTo(real.path("reason"));
    }
}

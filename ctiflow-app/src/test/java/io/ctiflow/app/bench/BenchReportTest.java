package io.ctiflow.app.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One report, two renderings: the console line keeps printf's widths, the Markdown table shows the same strings. */
class BenchReportTest {

    private final StringBuilder echoed = new StringBuilder();
    private final BenchReport report = new BenchReport("demo", "Demo", "round",
            List.of(new BenchReport.Column("rate", "rows/s"), new BenchReport.Column("ratio", "ratio")), echoed::append);

    @Test
    void consoleAndMarkdownShowTheSameFigures() {
        report.progress("work /tmp/x\n");
        report.text("sides: a and b\n");
        report.row(new BenchReport.Row("round 1").put("rate", "%,.0f", 123456.7).put("ratio", "%.2f", 0.456), "{label:-8} rate {rate:10} rows/s ratio {ratio}\n");
        report.row(new BenchReport.Row("best").put("rate", "%,.0f", 123456.7), "\n{label}: {rate} rows/s\n");
        report.text("details\n");

        assertThat(report.console()).isEqualTo(echoed.toString()).isEqualTo("work /tmp/x\nsides: a and b\n"
                + String.format(Locale.ROOT, "%-8s rate %,10.0f rows/s ratio %.2f%n", "round 1", 123456.7, 0.456) + "\nbest: 123,457 rows/s\ndetails\n");
        assertThat(report.markdown()).isEqualTo("```text\nsides: a and b\n```\n\n| round | rows/s | ratio |\n|---|---:|---:|\n"
                + "| round 1 | 123,457 | 0.46 |\n| best | 123,457 |  |\n\n```text\ndetails\n```\n\n");
    }

    @Test
    void aTemplateOrRowNamingNoColumnFails() {
        assertThatThrownBy(() -> report.row(new BenchReport.Row("r").put("typo", "%d", 1), "{typo}")).hasMessageContaining("no column typo");
        assertThatThrownBy(() -> report.row(new BenchReport.Row("r"), "{rate}")).hasMessageContaining("has no cell rate");
    }
}

package io.ctiflow.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The overview's counts: per destination and outcome, withheld by rule, and over time in buckets that widen with the trail's span. */
class AuditOverviewTest {

    @TempDir
    Path dir;

    @Test
    void countsPerDestinationOutcomeAndRule() throws IOException {
        write(List.of(line("2026-12-07T10:00:00.000Z", "us-isac", "withheld", "tlp"), line("2026-12-07T10:00:00.500Z", "us-isac", "withheld", "tlp"),
                line("2026-12-07T10:00:01.000Z", "us-isac", "withheld", "source"), line("2026-12-07T10:00:02.000Z", "cert-eu", "shared", "all"),
                line("2026-12-07T10:00:02.000Z", "cert-eu", "redacted", "personal-data"), "not a record"));
        AuditOverview overview = AuditOverview.read(dir);
        assertThat(overview.count("us-isac", "withheld")).isEqualTo(3);
        assertThat(overview.count("cert-eu", "shared")).isEqualTo(1);
        assertThat(overview.count("cert-eu", "redacted")).isEqualTo(1);
        assertThat(overview.count("nobody", "shared")).isZero();
        assertThat(overview.withheldByRule()).isEqualTo(Map.of("us-isac", Map.of("tlp", 2L, "source", 1L)));
        assertThat(overview.malformed()).isEqualTo(1);
        assertThat(overview.bucketSeconds()).isEqualTo(1);
        assertThat(overview.times()).hasSize(3);
        assertThat(overview.series("us-isac", "withheld")).containsExactly(2, 1, 0);
    }

    @Test
    void aLongTrailIsDrawnInAtMostMaxBucketsThatAddUpToTheTotals() throws IOException {
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int hour = 0; hour < 24 * 30; hour++) {
            lines.add(line(start.plusSeconds(hour * 3600L).toString(), "cert-eu", "shared", "all"));
        }
        write(lines);
        AuditOverview overview = AuditOverview.read(dir);
        assertThat(overview.times().length).isLessThanOrEqualTo(AuditOverview.MAX_BUCKETS).isGreaterThan(10);
        assertThat(overview.bucketSeconds()).isGreaterThan(3600);
        assertThat(Arrays.stream(overview.series("cert-eu", "shared")).sum()).isEqualTo(24 * 30).isEqualTo(overview.count("cert-eu", "shared"));
    }

    private void write(List<String> lines) throws IOException {
        Files.write(dir.resolve("decisions.jsonl"), lines);
    }

    private static String line(String time, String destination, String outcome, String rule) {
        return "{\"time\":\"" + time + "\",\"destination\":\"" + destination + "\",\"object\":\"indicator--x\",\"outcome\":\"" + outcome
                + "\",\"rule\":\"" + rule + "\",\"reason\":\"r\"}";
    }
}

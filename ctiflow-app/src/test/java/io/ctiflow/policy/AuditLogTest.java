package io.ctiflow.policy;

import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log: one JSON line per decision, appended across restarts, rotated by size, oldest rotations removed. */
class AuditLogTest {

    @TempDir
    Path dir;

    private static Decision decision(int i) {
        return new Decision("cert-eu", "indicator--00000000-0000-4000-8000-" + String.format("%012d", i), "indicator", Outcome.WITHHELD, "tlp",
                "marked TLP:RED: TLP:RED never leaves");
    }

    @Test
    void everyDecisionIsOneJsonLineAndRestartsAppend() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1 << 20, 3)) {
            log.decided(decision(1));
        }
        try (AuditLog log = new AuditLog(dir, 1 << 20, 3)) {
            log.decided(decision(2));
        }
        List<String> lines = Files.readAllLines(dir.resolve("decisions.jsonl"));
        assertThat(lines).hasSize(2);
        var first = Stix.mapper().readTree(lines.get(0));
        assertThat(first.path("destination").asText()).isEqualTo("cert-eu");
        assertThat(first.path("outcome").asText()).isEqualTo("withheld");
        assertThat(first.path("rule").asText()).isEqualTo("tlp");
        assertThat(first.path("reason").asText()).contains("TLP:RED");
        assertThat(Instant.parse(first.path("time").asText())).isNotNull();
        assertThat(Stix.mapper().readTree(lines.get(1)).path("object").asText()).endsWith("000000000002");
    }

    @Test
    void rotatesBySizeAndKeepsTheNewestRotations() throws IOException {
        Clock[] clock = {Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)};
        int written = 0;
        try (AuditLog log = new AuditLog(dir, 1_000, 2, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                clock[0] = Clock.offset(clock[0], Duration.ofMillis(1));
                return clock[0].instant();
            }
        })) {
            for (int i = 0; i < 60; i++) {
                log.decided(decision(i));
                written++;
            }
        }
        List<Path> rotated;
        try (Stream<Path> files = Files.list(dir)) {
            rotated = files.filter(p -> p.getFileName().toString().startsWith("decisions-")).sorted().toList();
        }
        assertThat(rotated).hasSize(2);
        for (Path p : rotated) {
            assertThat(Files.size(p)).isGreaterThanOrEqualTo(1_000);
        }
        Path currentFile = dir.resolve("decisions.jsonl");
        List<String> current = Files.exists(currentFile) ? Files.readAllLines(currentFile) : List.of();
        long kept = current.size();
        for (Path p : rotated) {
            kept += Files.readAllLines(p).size();
        }
        assertThat(kept).isLessThan(written).isGreaterThan(0);
        // the newest decision is in the current file
        assertThat(current.isEmpty() ? Files.readAllLines(rotated.get(1)).get(Files.readAllLines(rotated.get(1)).size() - 1)
                : current.get(current.size() - 1)).contains("000000000059");
    }
}

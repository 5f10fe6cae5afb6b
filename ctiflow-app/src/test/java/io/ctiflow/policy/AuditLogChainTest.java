package io.ctiflow.policy;

import io.ctiflow.audit.AuditFiles;
import io.ctiflow.audit.AuditVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain as a compliance officer relies on it: an intact trail verifies across rotation and restarts, and
 * every kind of tampering (an edited, deleted, reordered or inserted line, a cut file) is found at its place.
 */
class AuditLogChainTest {

    @TempDir
    Path dir;

    private List<Path> files;

    private static Decision decision(int i) {
        return new Decision(i % 2 == 0 ? "cert-eu" : "us-isac", "indicator--00000000-0000-4000-8000-" + String.format("%012d", i), "indicator",
                i % 3 == 0 ? Outcome.WITHHELD : Outcome.SHARED, i % 3 == 0 ? "tlp" : "all", i % 3 == 0 ? "marked TLP:RED: TLP:RED never leaves"
                : "passed every rule", "2026-01-01T00:00:00.000Z", "urlhaus", "rec-" + i, new InputContext("urlhaus", null, "csv_recent.csv",
                "urlhaus-csv_recent-00001.json"), null);
    }

    /** 60 decisions by two runs of ctiflow (a restart in between), rotated every 1,500 bytes: several files. */
    @BeforeEach
    void writeTrail() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1_500, 100, "test-instance")) {
            for (int i = 1; i <= 30; i++) {
                log.decided(decision(i));
            }
        }
        try (AuditLog log = new AuditLog(dir, 1_500, 100, "test-instance")) {
            for (int i = 31; i <= 60; i++) {
                log.decided(decision(i));
            }
        }
        files = AuditFiles.chain(dir);
    }

    private AuditVerifier.Result verify() throws IOException {
        return new AuditVerifier().verify(dir);
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void anUntouchedTrailVerifiesAcrossRotationAndRestarts() throws IOException {
        assertThat(files).hasSizeGreaterThan(3);
        AuditVerifier.Result r = verify();
        assertThat(r.problem()).isNull();
        assertThat(r.records()).isEqualTo(60);
        assertThat(r.files()).isEqualTo(files.size());
        assertThat(r.firstSeq()).isEqualTo(1);
        // the first record of every file names the last record of the file before it
        for (int i = 1; i < files.size(); i++) {
            List<String> before = lines(files.get(i - 1));
            List<String> now = lines(files.get(i));
            if (!now.isEmpty()) {
                byte[] last = before.get(before.size() - 1).getBytes(StandardCharsets.UTF_8);
                assertThat(now.get(0)).contains("\"prev\":\"" + AuditFiles.hex(AuditFiles.hash(AuditFiles.sha256(), last, last.length)) + "\"");
            }
        }
    }

    @Test
    void anEditedLineIsReportedWithFileAndLine() throws IOException {
        Path file = files.get(1);
        List<String> lines = lines(file);
        assertThat(lines.get(1)).contains("\"outcome\":\"");
        lines.set(1, lines.get(1).replace("\"outcome\":\"withheld\"", "\"outcome\":\"shared\"").replace("\"outcome\":\"shared\",\"rule\":\"all\"",
                "\"outcome\":\"withheld\",\"rule\":\"all\""));
        write(file, lines);
        AuditVerifier.Result r = verify();
        assertThat(r.problem()).isNotNull();
        assertThat(r.problem().file()).isEqualTo(file);
        assertThat(r.problem().line()).isEqualTo(2);
        assertThat(r.problem().what()).startsWith("altered");
    }

    @Test
    void aDeletedLineIsReported() throws IOException {
        Path file = files.get(2);
        List<String> lines = lines(file);
        lines.remove(1);
        write(file, lines);
        AuditVerifier.Result r = verify();
        assertThat(r.problem()).isNotNull();
        assertThat(r.problem().file()).isEqualTo(file);
        assertThat(r.problem().line()).isEqualTo(2);
        assertThat(r.problem().what()).startsWith("removed").contains("is missing");
    }

    @Test
    void aReorderedPairIsReported() throws IOException {
        Path file = files.get(1);
        List<String> lines = lines(file);
        Collections.swap(lines, 2, 3);
        write(file, lines);
        AuditVerifier.Result r = verify();
        assertThat(r.problem()).isNotNull();
        assertThat(r.problem().file()).isEqualTo(file);
        assertThat(r.problem().line()).isEqualTo(3);
        assertThat(r.problem().what()).startsWith("reordered").contains("(line 4)");
    }

    @Test
    void aFileCutAtItsEndIsFoundByTheNextFileAcrossRotation() throws IOException {
        Path file = files.get(0);
        List<String> lines = lines(file);
        write(file, lines.subList(0, lines.size() - 2));
        AuditVerifier.Result r = verify();
        assertThat(r.problem()).isNotNull();
        assertThat(r.problem().file()).isEqualTo(files.get(1));
        assertThat(r.problem().line()).isEqualTo(1);
        assertThat(r.problem().what()).startsWith("removed").contains("2 records");
    }

    @Test
    void theLastRecordsOfTheCurrentFileAreCoveredByTheHead() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1_500, 100, "test-instance")) {
            log.decided(decision(61));
            log.decided(decision(62));
        }
        Path current = dir.resolve(AuditFiles.CURRENT);
        List<String> lines = lines(current);
        assertThat(lines).isNotEmpty();
        write(current, lines.subList(0, lines.size() - 1));
        assertThat(verify().problem().what()).startsWith("truncated");

        write(current, lines);
        assertThat(verify().problem()).isNull();
        List<String> edited = new ArrayList<>(lines);
        edited.set(edited.size() - 1, edited.get(edited.size() - 1).replace("\"destination\":\"", "\"destination\":\"x"));
        write(current, edited);
        AuditVerifier.Result r = verify();
        assertThat(r.problem().what()).startsWith("altered");
        assertThat(r.problem().line()).isEqualTo(lines.size());
    }

    @Test
    void aLineThatIsNoRecordIsReportedNotSkipped() throws IOException {
        Path file = files.get(1);
        List<String> lines = lines(file);
        lines.add(2, "{\"time\":\"2026-01-01T00:00:00Z\",\"destination\":\"cert-eu\",\"outcome\":\"shared\"");
        write(file, lines);
        AuditVerifier.Result r = verify();
        assertThat(r.problem().line()).isEqualTo(3);
        assertThat(r.problem().what()).startsWith("not a JSON record");
    }

    @Test
    void anInsertedWellFormedRecordBreaksTheChain() throws IOException {
        Path file = files.get(1);
        List<String> lines = lines(file);
        lines.add(1, lines.get(0));
        write(file, lines);
        assertThat(verify().problem().what()).startsWith("reordered or repeated");
    }

    @Test
    void everyRecordSaysWhatWhereAndWhence() throws IOException {
        String first = lines(files.get(0)).get(0);
        assertThat(first).startsWith("{\"time\":\"").contains("\"destination\":\"us-isac\"", "\"object\":\"indicator--", "\"modified\":\"2026-01-01T00:00:00.000Z\"",
                "\"source\":\"urlhaus\"", "\"record\":\"rec-1\"", "\"input\":\"csv_recent.csv\"", "\"bundle\":\"urlhaus-csv_recent-00001.json\"",
                "\"instance\":\"test-instance\"", "\"seq\":1,", "\"prev\":\"" + AuditFiles.GENESIS + "\"");
    }

    @Test
    void aRecordCutOffByACrashIsReportedAndTheNextRunContinuesAfterIt() throws IOException {
        Path current = dir.resolve(AuditFiles.CURRENT);
        try (AuditLog log = new AuditLog(dir, 1 << 20, 100, "test-instance")) {
            log.decided(decision(61));
        }
        String text = Files.readString(current);
        Files.writeString(current, text.substring(0, text.length() - 20)); // the machine died mid-write
        try (AuditLog log = new AuditLog(dir, 1 << 20, 100, "test-instance")) {
            log.decided(decision(62));
        }
        List<String> lines = lines(current);
        assertThat(lines.get(lines.size() - 1)).contains("000000000062").startsWith("{\"time\"");
        AuditVerifier.Result r = verify();
        assertThat(r.problem().line()).isEqualTo(lines.size() - 1);
        assertThat(r.problem().what()).startsWith("not a JSON record");
    }

    @Test
    void theHeadIsWrittenWhenTheLogOpensAndAfterEveryFlush() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1 << 20, 100, "test-instance")) {
            log.decided(decision(61));
            log.flush();
            assertThat(verify().problem()).isNull();
            log.decided(decision(62));
            // not flushed yet: the file and the head agree on what is on disk
            assertThat(verify().problem()).isNull();
        }
        assertThat(verify().records()).isEqualTo(62);
        assertThat(Files.readString(dir.resolve(AuditFiles.HEAD))).contains("\"seq\":62 ");
    }

    @Test
    void filesRotatedOutByKeepLeaveATrailThatStartsLaterAndSaysSo() throws IOException {
        Path kept = dir.resolve("kept");
        try (AuditLog log = new AuditLog(kept, 1_500, 2, "test-instance")) {
            for (int i = 1; i <= 60; i++) {
                log.decided(decision(i));
            }
        }
        AuditVerifier.Result r = new AuditVerifier().verify(kept);
        assertThat(r.problem()).isNull();
        assertThat(r.firstSeq()).isGreaterThan(1);
        assertThat(r.records()).isEqualTo(60 - r.firstSeq() + 1);
    }

    /** With a clock that stands still every rotation falls in one millisecond: names must still sort in rotation order after keep frees the oldest. */
    @Test
    void rotationsInOneMillisecondKeepTheirOrderWhenKeepDeletesTheOldest() throws IOException {
        Path still = dir.resolve("still");
        Clock frozen = Clock.fixed(Instant.parse("2026-12-07T18:00:00.123Z"), ZoneOffset.UTC);
        try (AuditLog log = new AuditLog(still, 1_500, 2, "test-instance", frozen)) {
            for (int i = 1; i <= 60; i++) {
                log.decided(decision(i));
            }
        }
        AuditVerifier.Result r = new AuditVerifier().verify(still);
        assertThat(r.problem()).isNull();
        assertThat(r.records()).isEqualTo(60 - r.firstSeq() + 1);
    }
}

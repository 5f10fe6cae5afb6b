package io.ctiflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * Walks the hash chain of an audit folder, streaming, and finds the first record that was altered, removed or
 * reordered, or a line that is no record at all (fail closed: nothing is skipped). See {@link AuditFiles} for the
 * chain. What it cannot see: a writer that recomputes every hash after its edit, and rotated files deleted from the
 * start of the trail (the oldest kept file may start anywhere; the result says where).
 */
public final class AuditVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a problem is and what it is. */
    public record Problem(Path file, long line, String what) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + what;
        }
    }

    /**
     * @param records  records read (up to the problem, if any)
     * @param firstSeq the seq the kept trail starts at (1 unless older files were rotated out), 0 when empty
     * @param lastHash the hash of the last record, or the genesis hash
     */
    public record Result(Problem problem, long records, int files, long firstSeq, String lastHash) {
        public boolean intact() {
            return problem == null;
        }
    }

    private record Head(long bytes, long seq, String hash) {
    }

    /** A record whose seq skips ahead: removed records before it, unless the next one is the missing one (a swapped pair). */
    private record Gap(Path file, long line, long expected, long found) {
    }

    private final MessageDigest sha = AuditFiles.sha256();

    public Result verify(Path dir) throws IOException {
        List<Path> files = AuditFiles.chain(dir);
        Path headFile = dir.resolve(AuditFiles.HEAD);
        Head head = Files.exists(headFile) ? readHead(headFile) : null;
        if (head != null && head.hash() == null) {
            return new Result(new Problem(headFile, 1, "not the head ctiflow writes (bytes, seq, hash): it was altered"), 0, files.size(), 0, AuditFiles.GENESIS);
        }
        long records = 0;
        long firstSeq = 0;
        long expectedSeq = -1;
        String expectedPrev = AuditFiles.GENESIS;
        Path prevFile = null;
        long prevLine = 0;
        Gap gap = null;
        for (Path file : files) {
            boolean current = file.getFileName().toString().equals(AuditFiles.CURRENT);
            if (current && head != null && head.bytes() == 0 && records > 0 && !(head.hash().equals(expectedPrev) && head.seq() == expectedSeq - 1)) {
                return result(new Problem(prevFile, prevLine, "the trail ends at seq " + (expectedSeq - 1) + " here, but " + AuditFiles.HEAD
                        + " says the last record written was seq " + head.seq() + ": records at the end of this file were removed or altered"),
                        records, files, firstSeq, expectedPrev);
            }
            boolean headChecked = !current || head == null || head.bytes() == 0;
            try (AuditLines lines = new AuditLines(file)) {
                while (lines.next()) {
                    Path f = file;
                    long n = lines.lineNumber();
                    if (lines.tooLong()) {
                        return result(new Problem(f, n, "a line longer than " + AuditFiles.MAX_RECORD_BYTES + " bytes: not a record ctiflow wrote"),
                                records, files, firstSeq, expectedPrev);
                    }
                    JsonNode record = parse(lines);
                    String malformed = malformed(record);
                    if (malformed != null) {
                        return result(new Problem(f, n, malformed), records, files, firstSeq, expectedPrev);
                    }
                    long seq = record.path("seq").asLong();
                    String prev = record.path("prev").asText();
                    String hash = AuditFiles.hex(AuditFiles.hash(sha, lines.bytes(), lines.length()));
                    if (gap != null) {
                        Problem p = seq == gap.expected()
                                ? new Problem(gap.file(), gap.line(), "reordered: seq " + gap.found() + " comes before seq " + seq
                                + (f.equals(gap.file()) ? " (line " + n + ")" : " (" + f.getFileName() + ":" + n + ")"))
                                : removed(gap);
                        return result(p, records, files, firstSeq, expectedPrev);
                    }
                    if (expectedSeq < 0) {
                        firstSeq = seq;
                        if (seq == 1 && !prev.equals(AuditFiles.GENESIS)) {
                            return result(new Problem(f, n, "the first record (seq 1) does not start the chain (prev is not 64 zeros)"),
                                    records, files, firstSeq, expectedPrev);
                        }
                    } else if (seq != expectedSeq) {
                        if (prev.equals(expectedPrev)) {
                            return result(new Problem(f, n, "altered: its seq is " + seq + " where " + expectedSeq + " follows the record before it"),
                                    records, files, firstSeq, expectedPrev);
                        }
                        if (seq < expectedSeq) {
                            return result(new Problem(f, n, "reordered or repeated: seq " + seq + " after seq " + (expectedSeq - 1)),
                                    records, files, firstSeq, expectedPrev);
                        }
                        gap = new Gap(f, n, expectedSeq, seq);
                    } else if (!prev.equals(expectedPrev)) {
                        return result(new Problem(prevFile, prevLine, "altered: this record no longer hashes to the prev that seq " + seq
                                + (f.equals(prevFile) ? " (line " + n + ")" : " (" + f.getFileName() + ":" + n + ")") + " recorded"),
                                records, files, firstSeq, expectedPrev);
                    }
                    records++;
                    expectedSeq = seq + 1;
                    expectedPrev = hash;
                    prevFile = f;
                    prevLine = n;
                    if (!headChecked && lines.endOffset() >= head.bytes()) {
                        headChecked = true;
                        if (gap == null && (lines.endOffset() != head.bytes() || !hash.equals(head.hash()) || seq != head.seq())) {
                            return result(new Problem(f, n, "altered: " + AuditFiles.HEAD + " says seq " + head.seq() + " ends at byte " + head.bytes()
                                    + " with another hash; this record or one before it changed"), records, files, firstSeq, expectedPrev);
                        }
                    }
                }
                if (gap != null) {
                    return result(removed(gap), records, files, firstSeq, expectedPrev);
                }
                if (!headChecked) {
                    return result(new Problem(file, lines.lineNumber(), "truncated: " + AuditFiles.HEAD + " says " + head.bytes()
                            + " bytes (up to seq " + head.seq() + ") were written, the file holds " + lines.endOffset()
                            + ": records at its end were removed"), records, files, firstSeq, expectedPrev);
                }
            }
        }
        if (head != null && !files.isEmpty() && !files.get(files.size() - 1).getFileName().toString().equals(AuditFiles.CURRENT)
                && head.seq() > 0 && !(head.hash().equals(expectedPrev) && head.seq() == expectedSeq - 1)) {
            return result(new Problem(dir.resolve(AuditFiles.CURRENT), 0, "missing: " + AuditFiles.HEAD + " says the trail continues to seq "
                    + head.seq()), records, files, firstSeq, expectedPrev);
        }
        if (files.isEmpty() && head != null && head.seq() > 0) {
            return result(new Problem(dir.resolve(AuditFiles.CURRENT), 0, "missing: no audit file, but " + AuditFiles.HEAD + " says "
                    + head.seq() + " records were written"), records, files, firstSeq, expectedPrev);
        }
        return result(null, records, files, firstSeq, expectedPrev);
    }

    private static Problem removed(Gap gap) {
        long missing = gap.found() - gap.expected();
        return new Problem(gap.file(), gap.line(), "removed: " + (missing == 1 ? "seq " + gap.expected() + " is" : "seq " + gap.expected() + " to "
                + (gap.found() - 1) + " (" + missing + " records) are") + " missing before this record (deleted, or cut off the end of the file before)");
    }

    private static Result result(Problem p, long records, List<Path> files, long firstSeq, String lastHash) {
        return new Result(p, records, files.size(), firstSeq, lastHash);
    }

    private static JsonNode parse(AuditLines lines) {
        try {
            return JSON.readTree(lines.bytes(), 0, lines.length());
        } catch (IOException e) {
            return null;
        }
    }

    private static String malformed(JsonNode record) {
        if (record == null || !record.isObject()) {
            return "not a JSON record (edited, or cut off by a crash)";
        }
        if (!record.path("seq").canConvertToLong() || !record.path("seq").isIntegralNumber() || record.path("seq").asLong() < 1) {
            return "no seq: not a chained record (written before ctiflow chained its audit log, or edited)";
        }
        String prev = record.path("prev").asText("");
        if (prev.length() != 64 || !prev.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            return "no prev hash: not a chained record (written before ctiflow chained its audit log, or edited)";
        }
        return null;
    }

    /** The head, or one with a null hash when it is not one ctiflow wrote. */
    private static Head readHead(Path file) {
        JsonNode h;
        try {
            h = JSON.readTree(file.toFile());
        } catch (IOException e) {
            h = null;
        }
        if (h == null || !h.path("bytes").isIntegralNumber() || !h.path("seq").isIntegralNumber() || !h.path("hash").isTextual()) {
            return new Head(0, 0, null);
        }
        return new Head(h.path("bytes").asLong(), h.path("seq").asLong(), h.path("hash").asText());
    }
}

package io.ctiflow.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the audit trail lives and how it is chained. {@code <dir>/decisions.jsonl} is the file being written;
 * rotated files are {@code decisions-<yyyyMMdd-HHmmss-SSS>.jsonl}, so their names sort in the order they were
 * written. Every record ends with {@code "seq"} (1, 2, 3... across files and restarts) and {@code "prev"}: the
 * SHA-256, in hex, of the bytes of the record before it (the line without its newline), or 64 zeros for the first
 * record ever. The first record of a new file names the last record of the file before it. {@code decisions.head}
 * says how many bytes of the current file were written through and the hash of the record ending there, so a
 * cut-off or edited last record is found too.
 */
public final class AuditFiles {

    public static final String CURRENT = "decisions.jsonl";
    public static final String HEAD = "decisions.head";
    public static final String ROTATED_PREFIX = "decisions-";
    public static final String GENESIS = "0".repeat(64);
    /** A record longer than this is not one ctiflow wrote: reading it would cost unbounded memory. */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuditFiles() {
    }

    /** The files of the trail, oldest first: the rotated ones by name, then the current one when it exists. */
    public static List<Path> chain(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(ROTATED_PREFIX) && n.endsWith(".jsonl");
            }).sorted().forEach(files::add);
        }
        Path current = dir.resolve(CURRENT);
        if (Files.exists(current)) {
            files.add(current);
        }
        return files;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Writes the 64 hex digits of a 32-byte hash into {@code out}. */
    public static void hex(byte[] hash, char[] out) {
        for (int i = 0; i < 32; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
    }

    public static String hex(byte[] hash) {
        char[] c = new char[64];
        hex(hash, c);
        return new String(c);
    }

    /** The last line of a file (without its newline), or null when the file is empty; {@code endsWithNewline} tells whether it was cut off. */
    public record Tail(byte[] line, boolean endsWithNewline) {
    }

    /** Reads the last line of {@code file} backwards, without reading the file. */
    public static Tail tail(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length == 0) {
                return new Tail(null, true);
            }
            f.seek(length - 1);
            boolean newline = f.read() == '\n';
            long end = newline ? length - 1 : length;
            long start = end;
            byte[] chunk = new byte[8192];
            while (start > 0 && end - start <= MAX_RECORD_BYTES) {
                int n = (int) Math.min(chunk.length, start);
                f.seek(start - n);
                f.readFully(chunk, 0, n);
                int i = n - 1;
                while (i >= 0 && chunk[i] != '\n') {
                    i--;
                }
                if (i >= 0) {
                    start = start - n + i + 1;
                    break;
                }
                start -= n;
            }
            byte[] line = new byte[(int) Math.min(end - start, MAX_RECORD_BYTES)];
            f.seek(end - line.length);
            f.readFully(line);
            return new Tail(line, newline);
        }
    }

    /** The hash of one record's bytes. */
    public static byte[] hash(MessageDigest sha, byte[] line, int length) {
        sha.reset();
        sha.update(line, 0, length);
        return sha.digest();
    }

    static byte[] copy(byte[] b, int n) {
        return Arrays.copyOf(b, n);
    }
}

package io.ctiflow.policy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ctiflow.audit.AuditFiles;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.stix.Stix;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The append-only, hash-chained audit trail of policy decisions: one JSON line per object and destination in
 * {@code <dir>/decisions.jsonl} (time, destination, object, type, modified, outcome, rule, reason, source, record,
 * input, bundle, instance, what happened to personal data, then {@code seq} and {@code prev}, the SHA-256 of the
 * record before; see {@link AuditFiles}). When the file passes {@code maxBytes} it is renamed to
 * {@code decisions-<time>.jsonl} and a new one is started, continuing the chain; the oldest rotated files beyond
 * {@code keep} are deleted. Lines are buffered and written through on {@link #flush()} (after every bundle) and
 * on close, each time with {@code decisions.head}. One writer per folder: two processes appending to the same
 * folder break the chain, which {@code ctiflow audit verify} then reports.
 */
public final class AuditLog implements DecisionListener, Closeable {

    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final long maxBytes;
    private final int keep;
    private final Clock clock;
    private final String instance;
    private final MessageDigest sha = AuditFiles.sha256();
    private final byte[] hash = new byte[32];
    /** The hex hash of the last record written: the next record's {@code prev}. */
    private final char[] prev = new char[64];
    private final LineBuffer line = new LineBuffer();
    private final JsonGenerator json;
    private CountingStream out;
    private FileChannel head;
    private long seq;
    private long lastMillis = Long.MIN_VALUE;
    private String lastTime;

    public AuditLog(Path dir, long maxBytes, int keep) {
        this(dir, maxBytes, keep, (String) null);
    }

    /** @param instance the name of this ctiflow instance in every record (null: this machine's host name) */
    public AuditLog(Path dir, long maxBytes, int keep, String instance) {
        this(dir, maxBytes, keep, instance, Clock.systemUTC());
    }

    AuditLog(Path dir, long maxBytes, int keep, Clock clock) {
        this(dir, maxBytes, keep, null, clock);
    }

    AuditLog(Path dir, long maxBytes, int keep, String instance, Clock clock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.clock = clock;
        this.instance = instance == null || instance.isBlank() ? hostName() : instance;
        try {
            this.json = Stix.mapper().getFactory().createGenerator(line, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null);
    }

    public Path current() {
        return dir.resolve(AuditFiles.CURRENT);
    }

    @Override
    public synchronized void decided(Decision d) {
        try {
            if (out == null) {
                open();
            }
            line.reset();
            writeRecord(d);
            json.flush();
            // the chain: this record's hash is the next one's prev, hashed from the bytes just written, no String in between
            sha.update(line.bytes(), 0, line.size());
            sha.digest(hash, 0, 32);
            AuditFiles.hex(hash, prev);
            out.write(line.bytes(), 0, line.size());
            out.write('\n');
            if (out.count >= maxBytes) {
                rotate();
            }
        } catch (IOException | DigestException e) {
            throw new UncheckedIOException("cannot write the policy audit log " + current(), e instanceof IOException io ? io : new IOException(e));
        }
    }

    private void writeRecord(Decision d) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", now());
        json.writeStringField("destination", d.destination());
        json.writeStringField("object", d.objectId());
        json.writeStringField("type", d.objectType());
        optional("modified", d.modified());
        json.writeStringField("outcome", d.outcome().word());
        json.writeStringField("rule", d.rule());
        json.writeStringField("reason", d.reason());
        optional("source", d.source());
        optional("record", d.record());
        if (d.input() != null) {
            optional("input", d.input().input());
            optional("bundle", d.input().bundle());
        }
        json.writeStringField("instance", instance);
        PersonalDataTransfer p = d.personal();
        if (p != null) {
            json.writeObjectFieldStart("personal");
            optional("from", p.from());
            json.writeStringField("to", p.to());
            json.writeStringField("basis", p.basis());
            json.writeArrayFieldStart("data");
            for (PersonalDataTransfer.Handled h : p.handled()) {
                json.writeStartObject();
                json.writeStringField("class", h.personalDataClass());
                json.writeStringField("action", h.action());
                json.writeNumberField("values", h.values());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeNumberField("seq", ++seq);
        json.writeFieldName("prev");
        json.writeString(prev, 0, prev.length);
        json.writeEndObject();
    }

    private void optional(String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /** The current time as RFC 3339 text, formatted once per millisecond (a batch's decisions share it). */
    private String now() {
        long millis = clock.millis();
        if (millis != lastMillis) {
            lastMillis = millis;
            lastTime = Instant.ofEpochMilli(millis).toString();
        }
        return lastTime;
    }

    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
                writeHead();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the policy audit log " + current(), e);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            writeHead();
            out = null;
        }
        if (head != null) {
            head.close();
            head = null;
        }
    }

    /** Continues the chain from the last record on disk: the current file's, else the newest rotated file's. */
    private void open() throws IOException {
        IntelligenceFiles.createDirectories(dir);
        Path file = IntelligenceFiles.prepare(current()); // says what was shared with whom
        List<Path> chain = AuditFiles.chain(dir);
        AuditFiles.Tail tail = new AuditFiles.Tail(null, true);
        for (int i = chain.size() - 1; i >= 0 && tail.line() == null; i--) {
            tail = AuditFiles.tail(chain.get(i));
        }
        if (tail.line() == null) {
            seq = 0;
            java.util.Arrays.fill(prev, '0');
        } else {
            AuditFiles.hex(AuditFiles.hash(sha, tail.line(), tail.line().length), prev);
            seq = lastSeq(tail.line());
        }
        long size = Files.size(file);
        out = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND), 1 << 16), size);
        if (size > 0 && !AuditFiles.tail(file).endsWithNewline()) {
            out.write('\n'); // a record cut off by a crash stays visible (verify reports it); the next starts on its own line
            out.flush();
        }
        if (head == null) {
            head = FileChannel.open(IntelligenceFiles.prepare(dir.resolve(AuditFiles.HEAD)), StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            head.truncate(0);
        }
        writeHead(); // from the start: a head that lags (a crash before the next flush) still names a record on disk
    }

    /** The seq of the last record, or its line count's best guess (0) when it cannot be read: verify reports such a record. */
    private static long lastSeq(byte[] record) {
        try {
            return Stix.mapper().readTree(record).path("seq").asLong(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Records how far the current file was written through and the hash of the record ending there. The numbers are
     * padded with spaces, so every head has one length and one write replaces the last one whole.
     */
    private void writeHead() throws IOException {
        String text = "{\"file\":\"" + AuditFiles.CURRENT + "\",\"bytes\":" + padded(out == null ? 0 : out.count) + ",\"seq\":" + padded(seq)
                + ",\"hash\":\"" + new String(prev) + "\"}\n";
        head.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), 0);
    }

    private static String padded(long n) {
        String digits = Long.toString(n);
        return digits + " ".repeat(20 - digits.length());
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Instant closed = Instant.now(clock);
        // names must sort in rotation order: two rotations in one millisecond (or a clock set back) name the later file
        // after the newest rotated one, not merely after a free name (a name freed by keep would sort first)
        String newest = AuditFiles.chain(dir).stream().map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(AuditFiles.ROTATED_PREFIX)).reduce((a, b) -> b).orElse("");
        Path target = dir.resolve(AuditFiles.ROTATED_PREFIX + ROTATED.format(closed) + ".jsonl");
        while (Files.exists(target) || target.getFileName().toString().compareTo(newest) <= 0) {
            closed = closed.plusMillis(1);
            target = dir.resolve(AuditFiles.ROTATED_PREFIX + ROTATED.format(closed) + ".jsonl");
        }
        Files.move(current(), target, StandardCopyOption.ATOMIC_MOVE);
        writeHead(); // the new current file starts empty, after the record whose hash the head names
        List<Path> rotated = AuditFiles.chain(dir);
        for (int i = 0; i < rotated.size() - keep; i++) {
            Files.deleteIfExists(rotated.get(i));
        }
        Path file = IntelligenceFiles.prepare(current());
        out = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND), 1 << 16), Files.size(file));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One record's bytes, reused for every record. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1024);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** Counts bytes so rotation needs no stat per line. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out, long initial) {
            super(out);
            this.count = initial;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}

package io.ctiflow.policy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.ctiflow.audit.AuditFiles;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.net.HostName;
import io.ctiflow.stix.Stix;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final SerializableString TIME = new SerializedString("time");
    private static final SerializableString DESTINATION = new SerializedString("destination");
    private static final SerializableString OBJECT = new SerializedString("object");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString MODIFIED = new SerializedString("modified");
    private static final SerializableString OUTCOME = new SerializedString("outcome");
    private static final SerializableString RULE = new SerializedString("rule");
    private static final SerializableString REASON = new SerializedString("reason");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString RECORD = new SerializedString("record");
    private static final SerializableString INPUT = new SerializedString("input");
    private static final SerializableString BUNDLE = new SerializedString("bundle");
    private static final SerializableString INSTANCE = new SerializedString("instance");
    private static final SerializableString FROM = new SerializedString("from");
    private static final SerializableString SEQ = new SerializedString("seq");
    private static final SerializableString PREV = new SerializedString("prev");
    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final long maxBytes;
    private final int keep;
    private final Clock clock;
    private final SerializableString instanceName;
    private final Words words = new Words();
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
        this.instanceName = new SerializedString(instance == null || instance.isBlank() ? HostName.get() : instance);
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
        field(TIME, now());
        field(DESTINATION, words.of(d.destination()));
        field(OBJECT, d.objectId());
        field(TYPE, words.of(d.objectType()));
        optional(MODIFIED, d.modified());
        field(OUTCOME, words.of(d.outcome().word()));
        field(RULE, words.of(d.rule()));
        field(REASON, d.reason());
        if (d.source() != null) {
            field(SOURCE, words.of(d.source()));
        }
        optional(RECORD, d.record());
        if (d.input() != null) {
            optional(INPUT, d.input().input());
            optional(BUNDLE, d.input().bundle());
        }
        field(INSTANCE, instanceName);
        PersonalDataTransfer p = d.personal();
        if (p != null) {
            json.writeObjectFieldStart("personal");
            optional(FROM, p.from());
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
        json.writeFieldName(SEQ);
        json.writeNumber(++seq);
        json.writeFieldName(PREV);
        json.writeString(prev, 0, prev.length);
        json.writeEndObject();
    }

    private void field(SerializableString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    private void field(SerializableString name, SerializableString value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    private void optional(SerializableString name, String value) throws IOException {
        if (value != null) {
            field(name, value);
        }
    }

    /**
     * Values of which there are few (destinations, types, outcomes, rules, sources), encoded once: each object's five
     * decisions repeat them. Bounded, so hostile input naming endless types cannot grow it.
     */
    private static final class Words {
        private final Map<String, SerializableString> encoded = new HashMap<>();

        SerializableString of(String value) {
            SerializableString word = encoded.get(value);
            if (word == null) {
                word = new SerializedString(value);
                if (encoded.size() < 4096) {
                    encoded.put(value, word);
                }
            }
            return word;
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
            Arrays.fill(prev, '0');
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
    private static final class CountingStream extends FilterOutputStream {
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

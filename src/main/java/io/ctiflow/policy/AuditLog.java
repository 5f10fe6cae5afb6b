package io.ctiflow.policy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.stix.Stix;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The append-only audit trail of policy decisions: one JSON line per object and destination
 * (time, destination, object, type, outcome, rule, reason) in {@code <dir>/decisions.jsonl}. When
 * the file passes {@code maxBytes} it is renamed to {@code decisions-<time>.jsonl} and a new one is
 * started; the oldest rotated files beyond {@code keep} are deleted. Lines are buffered and
 * written through on {@link #flush()} (after every bundle) and on close.
 */
public final class AuditLog implements DecisionListener, Closeable {

    private static final String CURRENT = "decisions.jsonl";
    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final long maxBytes;
    private final int keep;
    private final Clock clock;
    private CountingStream out;
    private long lastMillis = Long.MIN_VALUE;
    private String lastTime;
    private JsonGenerator json;

    public AuditLog(Path dir, long maxBytes, int keep) {
        this(dir, maxBytes, keep, Clock.systemUTC());
    }

    AuditLog(Path dir, long maxBytes, int keep, Clock clock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.clock = clock;
    }

    public Path current() {
        return dir.resolve(CURRENT);
    }

    @Override
    public synchronized void decided(Decision d) {
        try {
            if (json == null) {
                open();
            }
            json.writeStartObject();
            json.writeStringField("time", now());
            json.writeStringField("destination", d.destination());
            json.writeStringField("object", d.objectId());
            json.writeStringField("type", d.objectType());
            json.writeStringField("outcome", d.outcome().word());
            json.writeStringField("rule", d.rule());
            json.writeStringField("reason", d.reason());
            json.writeEndObject();
            json.writeRaw('\n');
            if (out.count + Math.max(0, json.getOutputBuffered()) >= maxBytes) {
                rotate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the policy audit log " + current(), e);
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
        if (json != null) {
            try {
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the policy audit log " + current(), e);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (json != null) {
            json.close();
            json = null;
        }
    }

    private void open() throws IOException {
        IntelligenceFiles.createDirectories(dir);
        Path file = IntelligenceFiles.prepare(current()); // says what was shared with whom
        long size = Files.exists(file) ? Files.size(file) : 0;
        out = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16), size);
        json = Stix.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
    }

    private void rotate() throws IOException {
        json.close();
        json = null;
        Files.move(current(), dir.resolve("decisions-" + ROTATED.format(Instant.now(clock)) + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
        List<Path> rotated = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().startsWith("decisions-")).sorted().forEach(rotated::add);
        }
        for (int i = 0; i < rotated.size() - keep; i++) {
            Files.deleteIfExists(rotated.get(i));
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

package io.ctiflow.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.net.Backoff;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
/**
 * Writes one JSON line per indicator ({@link SiemEvents}) to a SIEM: as RFC 5424 syslog messages
 * over TCP ({@link SyslogTcpSender}) or appended to a file (folders created, flushed and closed per
 * batch, so rotation by rename works). Objects other than indicators are skipped. Usable without
 * Camel (benchmarks, tools); thread-safe; close it to drop the connection.
 */
public final class SiemWriter implements AutoCloseable {

    private static final ObjectWriter JSON = Stix.mapper().writer().with(JsonGenerator.Feature.ESCAPE_NON_ASCII);

    private final SiemConfiguration config;
    private final SyslogFormat syslog;
    private final SyslogTcpSender tcp;
    private final Path file;

    public SiemWriter(SiemConfiguration config) {
        config.validate("siem writer");
        this.config = config;
        if ("file".equals(config.getTransport())) {
            this.file = Path.of(config.getFile());
            this.syslog = null;
            this.tcp = null;
        } else {
            this.file = null;
            this.syslog = new SyslogFormat(config);
            this.tcp = new SyslogTcpSender(config.getHost(), config.getPort(), config.getConnectTimeout(),
                    new Backoff(config.getMaxRetries(), config.getBackoff()));
        }
    }

    /**
     * Writes the indicators among the objects.
     *
     * @param destination the {@code destination} field of every line, or null for none
     * @throws SiemException when the listener stayed unreachable or the file cannot be written
     */
    public SiemResult send(List<StixObject> objects, String destination) {
        List<String> lines = new ArrayList<>();
        for (StixObject o : objects) {
            Optional<ObjectNode> event = SiemEvents.of(o, destination);
            if (event.isPresent()) {
                lines.add(json(event.get()));
            }
        }
        if (!lines.isEmpty()) {
            if (tcp != null) {
                Instant now = Instant.now();
                List<byte[]> frames = new ArrayList<>(lines.size());
                lines.forEach(line -> frames.add(syslog.frame(line, now)));
                tcp.send(frames);
            } else {
                append(lines);
            }
        }
        return new SiemResult(lines.size(), objects.size() - lines.size());
    }

    private void append(List<String> lines) {
        synchronized (this) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    IntelligenceFiles.createDirectories(parent);
                }
                IntelligenceFiles.prepare(file);
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                    for (String line : lines) {
                        w.write(line);
                        w.write('\n');
                    }
                }
            } catch (IOException e) {
                throw new SiemException("siem file " + file + ": cannot append " + lines.size() + " lines: "
                        + Backoff.describe(e), e);
            }
        }
    }

    private static String json(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (tcp != null) {
            tcp.close();
        }
    }

    @Override
    public String toString() {
        return "SiemWriter[" + config + "]";
    }
}

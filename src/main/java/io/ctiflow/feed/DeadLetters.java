package io.ctiflow.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixTime;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The dead-letter store: one JSON line per rejected record ({@code <feed>.jsonl}) and per input
 * that could not be read at all ({@code failed-inputs.jsonl}), each with source, location and
 * reason, so nothing is lost silently and everything can be replayed.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Path dir;
    private final FeedStats stats;

    public DeadLetters(Path dir, FeedStats stats) {
        this.dir = dir;
        this.stats = stats;
    }

    public Path dir() {
        return dir;
    }

    /** Records a batch in the stats and appends its rejects to the feed's dead-letter file. */
    public void write(Batch batch) throws IOException {
        stats.record(batch);
        if (batch.rejects().isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        String now = StixTime.now();
        for (Reject r : batch.rejects()) {
            ObjectNode line = Stix.mapper().createObjectNode();
            line.put("time", now);
            line.put("source", r.source());
            line.put("origin", r.origin());
            line.put("line", r.line());
            line.put("reason", r.reason());
            line.put("record", r.record());
            lines.append(line).append('\n');
            LOG.debug("rejected {}", r.describe());
        }
        Path file = dir.resolve(batch.source() + ".jsonl");
        append(file, lines.toString());
        // one line per batch, not per record: a broken feed must not flood the log
        LOG.warn("{} record(s) of {} rejected, first: {} (all in {})", batch.rejects().size(), batch.origin(),
                batch.rejects().get(0).describe(), file);
    }

    /** An input the pipeline could not process: the error goes to failed-inputs.jsonl. */
    /**
     * A delivery to one destination's endpoint that failed after its retries: recorded in
     * {@code failed-deliveries.jsonl} with destination, endpoint (scheme and name only: options may
     * hold secrets), bundle and reason, while the other endpoints and destinations go on.
     */
    public void failedDelivery(Exchange exchange) throws IOException {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String uri = exchange.getIn().getHeader("CtiflowEndpointUri", "", String.class);
        Object body = exchange.getIn().getBody();
        ObjectNode line = Stix.mapper().createObjectNode();
        line.put("time", StixTime.now());
        line.put("destination", exchange.getIn().getHeader("CtiflowDestination", String.class));
        line.put("endpoint", uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?')));
        line.put("bundle", body instanceof Batch b ? b.bundleName() : null);
        line.put("objects", body instanceof Batch b ? b.objects().size() : 0);
        line.put("reason", FailureReason.of(error));
        append(dir.resolve("failed-deliveries.jsonl"), line + "\n");
        LOG.error("delivery of {} to {} ({}) failed: {}", line.path("bundle").asText(), line.path("destination").asText(),
                line.path("endpoint").asText(), line.path("reason").asText());
    }

    public void failedInput(Exchange exchange) throws IOException {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String feed = exchange.getIn().getHeader(FeedBatches.FEED, String.class);
        // the source's own name for the input (an HTTP pull, a MISP event) beats a file name set on the way
        String origin = exchange.getIn().getHeader(FeedBatches.ORIGIN, String.class);
        String input = origin != null ? origin : exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        stats.failedInput(feed);
        ObjectNode line = Stix.mapper().createObjectNode();
        line.put("time", StixTime.now());
        line.put("route", exchange.getFromRouteId());
        line.put("feed", feed);
        line.put("input", input);
        line.put("reason", FailureReason.of(error));
        append(dir.resolve("failed-inputs.jsonl"), line + "\n");
        LOG.error("input {} failed: {}", line.path("input").asText(), line.path("reason").asText());
    }

    private synchronized void append(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}

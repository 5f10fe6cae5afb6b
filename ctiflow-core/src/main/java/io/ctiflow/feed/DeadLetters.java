package io.ctiflow.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.pipeline.SecretMasker;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.pipeline.Stages;
import io.ctiflow.pipeline.StixBodies;
import io.ctiflow.policy.DestinationEndpoints;
import io.ctiflow.state.DeadLetter;
import io.ctiflow.state.DeadLetterStore;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.StixTime;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
/**
 * The dead-letter store: one JSON line per rejected record ({@code <feed>.jsonl}) and per input
 * that could not be read at all ({@code failed-inputs.jsonl}), each with source, location and
 * reason, so nothing is lost silently and everything can be replayed. With a state store set
 * ({@link #setStore}), every dead letter is also a row there, with what a replay needs
 * ({@code ctiflow dead-letter list|replay}).
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** Header of a delivery the replay route re-sends: its row's id. A failure then updates that row instead of adding one. */
    public static final String REPLAY_ID = "CtiflowDeadLetterId";

    private final Path dir;
    private final FeedStats stats;
    private volatile DeadLetterStore store;

    public DeadLetters(Path dir, FeedStats stats) {
        this.dir = dir;
        this.stats = stats;
    }

    public Path dir() {
        return dir;
    }

    /** Also records every dead letter as a row of the state store (null: the JSON-lines files only). */
    public void setStore(DeadLetterStore store) {
        this.store = store;
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
        Stages.deadLetters(Stages.REJECT, batch.rejects().size());
        DeadLetterStore rows = store;
        if (rows != null) {
            rows.add(batch.rejects().stream().map(r -> new DeadLetterStore.Entry(DeadLetter.REJECT, r.source(),
                    r.origin() + ":" + r.line(), r.reason(), r.record())).toList());
        }
        // one line per batch, not per record: a broken feed must not flood the log
        LOG.warn("{} record(s) of {} rejected, first: {} (all in {})", batch.rejects().size(), batch.origin(),
                batch.rejects().get(0).describe(), file);
    }

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
        // a failing URL may carry a credential (apikey=..., a token in the path): masked like in the log
        line.put("reason", SecretMasker.mask(FailureReason.of(error)));
        append(dir.resolve("failed-deliveries.jsonl"), line + "\n");
        DeadLetterStore rows = store;
        if (rows != null && exchange.getIn().getHeader(REPLAY_ID) == null) {
            rows.add(new DeadLetterStore.Entry(DeadLetter.FAILED_DELIVERY, line.path("destination").asText("unknown"),
                    line.path("endpoint").asText(), line.path("reason").asText(), bundleJson(body)));
        }
        Stages.deliveryFailed(line.path("destination").asText(null), DestinationEndpoints.kindOf(uri));
        Stages.deadLetters(Stages.FAILED_DELIVERY, 1);
        LOG.error("delivery of {} to {} ({}) failed: {}", line.path("bundle").asText(), line.path("destination").asText(),
                line.path("endpoint").asText(), line.path("reason").asText());
    }

    /** An input the pipeline could not process: the error goes to failed-inputs.jsonl. */
    public void failedInput(Exchange exchange) throws IOException {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String feed = exchange.getIn().getHeader(PipelineHeaders.FEED, String.class);
        // the source's own name for the input (an HTTP pull, a MISP event) beats a file name set on the way
        String origin = exchange.getIn().getHeader(PipelineHeaders.ORIGIN, String.class);
        String input = origin != null ? origin : exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        stats.failedInput(feed);
        // the source's health (readiness): consecutive failures make it DOWN
        SourceHealth health = exchange.getContext().getRegistry()
                .lookupByNameAndType("sourceHealth", SourceHealth.class);
        if (health != null) {
            health.failed(exchange, error);
        }
        ObjectNode line = Stix.mapper().createObjectNode();
        line.put("time", StixTime.now());
        line.put("route", exchange.getFromRouteId());
        line.put("feed", feed);
        line.put("input", input);
        // a failing URL may carry a credential (apikey=..., a token in the path): masked like in the log
        line.put("reason", SecretMasker.mask(FailureReason.of(error)));
        append(dir.resolve("failed-inputs.jsonl"), line + "\n");
        Stages.deadLetters(Stages.FAILED_INPUT, 1);
        DeadLetterStore rows = store;
        if (rows != null) {
            Path inbox = inboxOf(exchange);
            String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
            boolean file = inbox != null && name != null;
            // an inbox file: the consumer moves it to inbox/.failed/<name> when this exchange ends; replay moves it back
            // the feed is the inbox folder the file was dropped in, even when it failed before the feed was known
            String source = feed != null ? feed : file && name.indexOf('/') > 0 ? name.substring(0, name.indexOf('/')) : line.path("route").asText("unknown");
            rows.add(new DeadLetterStore.Entry(DeadLetter.FAILED_INPUT, source,
                    file ? inbox.resolve(".failed").resolve(name).toString() : input, line.path("reason").asText(),
                    file ? inbox.resolve(name).toString() : null));
        }
                LOG.error("input {} failed: {}", input != null ? input : "of " + exchange.getFromRouteId(), line.path("reason").asText());
    }

    /** The inbox folder when the exchange came from a file: consumer, else null. */
    private static Path inboxOf(Exchange exchange) {
        return exchange.getFromEndpoint() instanceof FileEndpoint files ? files.getFile().toPath().toAbsolutePath() : null;
    }

    /** The delivered objects as a STIX bundle, for a replay to re-send (null when the body holds none). */
    private static String bundleJson(Object body) {
        try {
            Iterator<StixObject> objects = StixBodies.objects(body, "failed delivery");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (BundleWriter writer = new BundleWriter(out, false)) {
                while (objects.hasNext()) {
                    writer.write(objects.next());
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.warn("failed delivery: body not kept for replay ({})", e.getMessage());
            return null;
        }
    }

    private synchronized void append(Path file, String text) throws IOException {
        IntelligenceFiles.createDirectories(file.getParent());
        IntelligenceFiles.prepare(file); // raw feed records: owner-only unless ctiflow.files.mode says otherwise
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}

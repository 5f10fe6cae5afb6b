package io.ctiflow.feed;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.StixBodies;
import io.ctiflow.policy.DestinationEndpoints;
import io.ctiflow.state.DeadLetter;
import io.ctiflow.state.DeadLetterStore;
import io.ctiflow.stix.StixObject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-injects the dead letters {@code ctiflow dead-letter replay} marked replay-requested, in the
 * running ctiflow (routes/common/dead-letter-replay.camel.yaml calls it on a timer):
 * <ul>
 * <li>a failed delivery is re-sent to {@code direct:deliver-to-endpoint} with its destination and the
 * endpoint's current URI from policies/destinations.yaml (secrets resolve from the environment
 * as for any delivery); the row becomes replayed, or replay-failed with the new reason;</li>
 * <li>a failed inbox file is moved from inbox/.failed back to where it was dropped; the row becomes
 * replayed (re-queued) and the inbox route processes it again: if it fails again, that is a new row.</li>
 * </ul>
 * Rejects are never queued (see {@link DeadLetter#replayable()}).
 */
public final class DeadLetterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final int ROWS_PER_RUN = 100;

    private final DeadLetterStore store;

    public DeadLetterReplay(DeadLetterStore store) {
        this.store = store;
    }

    /** Replays up to 100 queued rows; returns how many were replayed successfully. */
    public int replayRequested(Exchange trigger) {
        List<DeadLetter> queued = store.replayRequested(ROWS_PER_RUN);
        if (queued.isEmpty()) {
            return 0;
        }
        CamelContext context = trigger.getContext();
        int replayed = 0;
        try (ProducerTemplate template = context.createProducerTemplate()) {
            for (DeadLetter row : queued) {
                String failure;
                try {
                    failure = DeadLetter.FAILED_DELIVERY.equals(row.kind()) ? redeliver(row, context, template) : reinput(row);
                } catch (IOException | RuntimeException e) {
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                if (failure == null) {
                    store.markReplayed(row.id());
                    replayed++;
                    LOG.info("dead letter {} ({} {}) replayed", row.id(), row.kind(), row.source());
                } else {
                    store.markReplayFailed(row.id(), failure);
                    LOG.warn("dead letter {} ({} {}): replay failed: {}", row.id(), row.kind(), row.source(), failure);
                }
            }
        } catch (IOException e) {
            LOG.warn("producer template not closed cleanly: {}", e.getMessage());
        }
        return replayed;
    }

    /** Re-sends a failed delivery; returns the failure's reason, or null when it was delivered. */
    private String redeliver(DeadLetter row, CamelContext context, ProducerTemplate template) {
        if (row.payload() == null) {
            return "no bundle was kept with this dead letter";
        }
        DestinationEndpoints endpoints = context.getRegistry().lookupByNameAndType("destinationEndpoints", DestinationEndpoints.class);
        String uri = endpoints.uris(row.source()).stream().filter(u -> withoutOptions(u).equals(row.location())).findFirst().orElse(null);
        if (uri == null) {
            return "destination " + row.source() + " has no endpoint " + row.location() + " in the policy any more";
        }
        List<StixObject> objects = new ArrayList<>();
        StixBodies.objects(row.payload(), "dead letter " + row.id()).forEachRemaining(objects::add);
        Exchange result = template.send("direct:deliver-to-endpoint", exchange -> {
            exchange.getIn().setHeader(PipelineHeaders.DESTINATION, row.source());
            exchange.getIn().setHeader(DestinationEndpoints.ENDPOINT_URI, uri);
            exchange.getIn().setHeader(DeadLetters.REPLAY_ID, row.id());
            // a batch, as the pipeline delivers it (the publish ledger and every sink take one)
            exchange.getIn().setBody(new Batch(row.source(), "dead-letter-" + row.id(), 0, 0, objects, List.of()));
        });
        // the delivery route handles a failure itself (failed-deliveries.jsonl): the exception is then "caught", not set
        Throwable error = result.getException() != null ? result.getException() : result.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return error == null ? null : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** Moves a failed inbox file back into the inbox; returns why it could not, or null. */
    private static String reinput(DeadLetter row) throws IOException {
        if (row.payload() == null) {
            return "not an inbox file (" + row.location() + "): fetch or drop the input again";
        }
        Path failed = Path.of(row.location());
        Path target = Path.of(row.payload());
        if (!Files.isRegularFile(failed)) {
            return "the file " + failed + " is no longer there";
        }
        if (Files.exists(target)) {
            return "the inbox already has a file " + target;
        }
        Files.createDirectories(target.getParent());
        Files.move(failed, target, StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    private static String withoutOptions(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}

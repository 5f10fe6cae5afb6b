package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.StixObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.List;

/**
 * Publishes objects to a collection: envelopes no larger than max_content_length, each POSTed and
 * its status followed to completion; every object ends either confirmed or in the result's failures
 * with a reason (server failure, still pending, too large, rejected envelope, status that cannot be
 * followed). A 413 splits the
 * envelope in halves and tries again. When the server becomes unusable (credentials rejected,
 * retries used up) publishing stops with a {@link TaxiiPublishException} carrying what happened so far.
 */
public final class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final TaxiiClient client;
    private final StatusFollower follower;

    public Publisher(TaxiiClient client) {
        this.client = client;
        TaxiiConfiguration config = client.configuration();
        this.follower = new StatusFollower(client, config.getStatusTimeout(), config.getStatusInterval());
    }

    /** Publishes every object; failures are in the result (the caller decides whether they fail the exchange). */
    public PublishResult publish(Iterator<StixObject> objects) {
        TaxiiCollection collection = client.collection();
        PublishResult result = new PublishResult(collection);
        long max = client.maxContentLength();
        EnvelopeSplitter envelopes = new EnvelopeSplitter(objects, max, o -> result.notSent(new ObjectFailure(o.id(),
                o.modified(), "not sent: " + o.json().length + " bytes, larger than an envelope may be (" + max
                + " bytes, the API root's max_content_length)")));
        try {
            while (envelopes.hasNext()) {
                send(envelopes.next(), result);
            }
        } catch (TaxiiPublishException e) {
            throw e;
        } catch (TaxiiException e) {
            // credentials rejected, retries used up, an answer that is not TAXII: the rest cannot be sent
            throw new TaxiiPublishException(result, e);
        }
        LOG.debug("{}", result);
        return result;
    }

    private void send(EnvelopeSplitter.Envelope envelope, PublishResult result) {
        List<StixObject> objects = envelope.objects();
        String what = "envelope of " + objects.size() + " objects, " + envelope.body().length + " bytes";
        JsonNode status;
        try {
            status = client.post(envelope.body(), what);
        } catch (TaxiiRequestException e) {
            if (e.status() == 413 && objects.size() > 1) {
                int half = objects.size() / 2;
                send(EnvelopeSplitter.envelope(objects.subList(0, half)), result);
                send(EnvelopeSplitter.envelope(objects.subList(half, objects.size())), result);
                return;
            }
            for (StixObject o : objects) {
                result.failed(new ObjectFailure(o.id(), o.modified(), e.getMessage()));
            }
            return;
        }
        result.envelopeSent(objects.size(), status.path("id").asText(null));
        JsonNode last;
        try {
            last = follower.follow(status);
        } catch (TaxiiRequestException e) {
            // e.g. the status resource is gone (404): the outcome of these objects is unknown, so they count as failed
            for (StixObject o : objects) {
                result.failed(new ObjectFailure(o.id(), o.modified(), "outcome unknown: " + e.getMessage()));
            }
            return;
        }
        account(last, objects, result);
    }

    /** Counts the status's successes and records its failures and whatever is still pending. */
    private static void account(JsonNode status, List<StixObject> objects, PublishResult result) {
        String statusId = status.path("id").asText("?");
        result.succeeded(status.path("success_count").asLong(status.path("successes").size()));
        for (JsonNode f : status.path("failures")) {
            result.failed(new ObjectFailure(f.path("id").asText(null), f.path("version").asText(null),
                    f.path("message").asText("failed (no reason given)")));
        }
        long unnamedFailures = status.path("failure_count").asLong(0) - status.path("failures").size();
        if (unnamedFailures > 0) {
            result.failed(new ObjectFailure(null, null, unnamedFailures + " objects failed; status " + statusId
                    + " names none of them"));
        }
        if (!StatusFollower.complete(status)) {
            for (JsonNode p : status.path("pendings")) {
                result.failed(new ObjectFailure(p.path("id").asText(null), p.path("version").asText(null),
                        "still pending when the status time-out passed (status " + statusId + ")"));
            }
            long unnamedPending = status.path("pending_count").asLong(0) - status.path("pendings").size();
            if (unnamedPending > 0) {
                result.failed(new ObjectFailure(null, null, unnamedPending + " objects still pending when the status"
                        + " time-out passed (status " + statusId + ")"));
            }
        }
        long accounted = status.path("success_count").asLong(0) + status.path("failure_count").asLong(0)
                + (StatusFollower.complete(status) ? 0 : status.path("pending_count").asLong(0));
        if (accounted < objects.size()) {
            // the status lost some objects: say so, so none vanishes silently
            result.failed(new ObjectFailure(null, null, (objects.size() - accounted) + " of the envelope's "
                    + objects.size() + " objects are missing from status " + statusId));
        }
    }
}

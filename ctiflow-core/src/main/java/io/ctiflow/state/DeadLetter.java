package io.ctiflow.state;

import java.time.Instant;

/**
 * One dead letter: a rejected record, an input that failed, or a delivery that failed.
 *
 * @param source   the feed of a reject or failed input, the destination of a failed delivery
 * @param location where: origin:line of a reject, the file in inbox/.failed of a failed input, the endpoint (scheme:name) of a delivery
 * @param payload  what replay needs: the rejected record, the file's inbox path, the bundle (STIX JSON) of a delivery
 */
public record DeadLetter(long id, Instant time, String kind, String source, String location, String reason, String payload, String status) {

    public static final String REJECT = "reject";
    public static final String FAILED_INPUT = "failed-input";
    public static final String FAILED_DELIVERY = "failed-delivery";

    public static final String NEW = "new";
    public static final String REPLAY_REQUESTED = "replay-requested";
    public static final String REPLAYED = "replayed";
    public static final String REPLAY_FAILED = "replay-failed";

    /** Rejects are listed only: one record out of its input (a CSV line without its header) cannot be mapped again alone. */
    public boolean replayable() {
        return !REJECT.equals(kind);
    }
}

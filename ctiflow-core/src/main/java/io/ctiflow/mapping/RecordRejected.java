package io.ctiflow.mapping;

/**
 * A record that cannot be mapped, with the reason a person can act on. Thrown per bad record on the
 * hot path, so it carries no stack trace.
 */
public final class RecordRejected extends Exception {

    public RecordRejected(String reason) {
        super(reason, null, false, false);
    }
}

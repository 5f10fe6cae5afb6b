package io.ctiflow.taxii.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a publish did: objects sent, objects the server confirmed, objects that failed (with reasons), status ids. */
public final class PublishResult {

    private final TaxiiCollection collection;
    private long posted;
    private long succeeded;
    private int envelopes;
    private long notSent;
    private final List<ObjectFailure> failures = new ArrayList<>();
    private final List<String> statusIds = new ArrayList<>();

    PublishResult(TaxiiCollection collection) {
        this.collection = collection;
    }

    void envelopeSent(int objects, String statusId) {
        envelopes++;
        posted += objects;
        if (statusId != null) {
            statusIds.add(statusId);
        }
    }

    void succeeded(long count) {
        succeeded += count;
    }

    void failed(ObjectFailure failure) {
        failures.add(failure);
    }

    /** An object that never reached the server (too large for any envelope). */
    void notSent(ObjectFailure failure) {
        failures.add(failure);
        notSent++;
    }

    /** Objects sent or refused before sending: every object publishing saw. */
    public long total() {
        return posted + notSent;
    }

    public TaxiiCollection collection() {
        return collection;
    }

    /** Objects sent to the server (in envelopes it accepted for processing). */
    public long posted() {
        return posted;
    }

    public long succeeded() {
        return succeeded;
    }

    public int envelopes() {
        return envelopes;
    }

    public List<ObjectFailure> failures() {
        return Collections.unmodifiableList(failures);
    }

    public List<String> statusIds() {
        return Collections.unmodifiableList(statusIds);
    }

    public boolean hasFailures() {
        return !failures.isEmpty();
    }

    @Override
    public String toString() {
        return "published to " + collection + ": " + posted + " objects posted in " + envelopes + " envelopes, "
                + succeeded + " succeeded, " + failures.size() + " failed";
    }
}

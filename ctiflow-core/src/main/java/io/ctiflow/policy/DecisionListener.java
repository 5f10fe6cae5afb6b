package io.ctiflow.policy;

/** Receives every decision the filter makes (the audit log, per-destination metrics). */
public interface DecisionListener {

    void decided(Decision decision);

    DecisionListener NONE = d -> { };

    static DecisionListener both(DecisionListener a, DecisionListener b) {
        return d -> {
            a.decided(d);
            b.decided(d);
        };
    }
}

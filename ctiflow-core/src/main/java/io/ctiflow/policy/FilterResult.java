package io.ctiflow.policy;

import io.ctiflow.stix.StixObject;

import java.util.List;

/** What one destination receives of a bundle, and every decision behind it. */
public record FilterResult(Destination destination, List<StixObject> objects, List<Decision> decisions) {

    public long count(Outcome outcome) {
        return decisions.stream().filter(d -> d.outcome() == outcome).count();
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }
}

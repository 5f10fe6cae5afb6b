package io.ctiflow.taxii.store;

import io.ctiflow.stix.StixObject;

/**
 * An object of a POSTed envelope, ready to store: its identity, the version (modified, else created,
 * in microseconds, else {@link TaxiiTime#NO_VERSION}) and the JSON bytes that are served as they are.
 */
public record NewObject(String id, String type, long version, String specVersion, byte[] json) {

    /**
     * An object the pipeline made (already checked against STIX 2.1 by the jurisdiction filter), for a writer in
     * the same process: the same identity and version a POST of it would get.
     */
    public static NewObject of(StixObject o) {
        String stamp = o.modified();
        if (stamp == null) {
            stamp = o.tree().path("created").asText(null); // marking definitions; SCOs carry neither
        }
        return new NewObject(o.id(), o.type(), stamp == null ? TaxiiTime.NO_VERSION : TaxiiTime.parse(stamp), "2.1", o.json());
    }
}

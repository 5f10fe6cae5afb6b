package io.ctiflow.mapping;

import io.ctiflow.stix.StixObject;

/** Receives the STIX objects made from taxonomy records. */
public interface StixSink {

    /** An object made from one record (indicator, relationship). */
    void object(StixObject stixObject);

    /** An object many records share (marking, identity, malware family): the sink keeps one per bundle. */
    void shared(StixObject stixObject);
}

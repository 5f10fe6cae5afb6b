package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives the STIX objects made from taxonomy records. */
public interface StixSink {

    /** An object made from one record (indicator, relationship). */
    void object(ObjectNode stixObject);

    /** An object many records share (marking, identity, malware family): the sink keeps one per bundle. */
    void shared(ObjectNode stixObject);
}

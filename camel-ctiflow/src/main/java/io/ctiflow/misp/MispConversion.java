package io.ctiflow.misp;

import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.StixObject;

import java.util.List;

/**
 * The STIX objects converted from one MISP event, the attributes set aside with their reasons, and
 * counts: {@code attributes} counts every attribute read (top-level and inside objects),
 * {@code mispObjects} the MISP objects read, {@code unknownTypes} the attributes, objects and galaxies
 * whose type the mapping files do not know (each one is also a reject or a note).
 */
public record MispConversion(String eventUuid, List<StixObject> objects, List<Reject> rejects,
                             int attributes, int mispObjects, int unknownTypes) {
}

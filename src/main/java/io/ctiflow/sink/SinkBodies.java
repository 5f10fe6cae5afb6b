package io.ctiflow.sink;

import io.ctiflow.stix.StixObject;
import io.ctiflow.taxii.client.StixBodies;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The body of a sink exchange as a list of STIX objects (whatever taxii: accepts: Batch, objects, bundle as JSON). */
final class SinkBodies {

    private SinkBodies() {
    }

    static List<StixObject> objects(Object body, String what) {
        Iterator<StixObject> it = StixBodies.objects(body, what);
        List<StixObject> objects = new ArrayList<>();
        try {
            it.forEachRemaining(objects::add);
        } finally {
            if (it instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // reading is done; a failing close of the body stream changes nothing
                }
            }
        }
        return objects;
    }
}

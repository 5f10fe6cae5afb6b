package io.ctiflow.taxii.store;

import java.util.List;

/** One page of a query: the objects in add order and whether more match after the last one. */
public record Page(List<StoredObject> objects, boolean more) {

    public long lastSeq() {
        return objects.get(objects.size() - 1).seq();
    }
}

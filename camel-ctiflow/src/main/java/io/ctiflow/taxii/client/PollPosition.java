package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixObject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a collection has been read: the last X-TAXII-Date-Added-Last of a delivered page and the
 * keys (id and modified) of the delivered objects that a resumed read can meet again. A resumed
 * read starts {@link TaxiiTime#OVERLAP_NANOS} before that date_added, so objects sharing it are never
 * skipped; the boundary keys keep the ones already delivered from coming twice. Kept small: only
 * pages whose last date_added is within the overlap of the newest one keep their keys.
 */
public final class PollPosition {

    private final String start;
    private String dateAddedLast;
    private final Map<String, String> boundary = new LinkedHashMap<>();

    private PollPosition(String start) {
        this.start = start == null || start.isBlank() ? null : start.trim();
    }

    /** Nothing read yet: reading starts after {@code addedAfter} (null: the whole collection). */
    public static PollPosition startingAfter(String addedAfter) {
        return new PollPosition(addedAfter);
    }

    /** The added_after to ask for: just before the last date_added delivered, or the configured start. */
    String addedAfter() {
        return dateAddedLast != null ? TaxiiTime.resumeFrom(dateAddedLast) : start;
    }

    /** The last date_added of a delivered page, or null when nothing was delivered yet. */
    public String dateAddedLast() {
        return dateAddedLast;
    }

    static String key(StixObject object) {
        return object.id() + "|" + (object.modified() == null ? "" : object.modified());
    }

    boolean delivered(StixObject object) {
        return boundary.containsKey(key(object));
    }

    int boundarySize() {
        return boundary.size();
    }

    /** Records a delivered page: its objects' keys and its last date_added (pages come in date_added order). */
    void advance(Iterable<StixObject> pageObjects, String pageLast) {
        if (dateAddedLast == null || TaxiiTime.parse(pageLast, "X-TAXII-Date-Added-Last")
                .isAfter(TaxiiTime.parse(dateAddedLast, "date_added"))) {
            dateAddedLast = pageLast;
        }
        for (StixObject o : pageObjects) {
            boundary.put(key(o), pageLast);
        }
        // few distinct page timestamps, many keys: decide once per timestamp
        Map<String, Boolean> keep = new HashMap<>();
        boundary.values().removeIf(page -> !keep.computeIfAbsent(page, p -> TaxiiTime.withinOverlap(p, dateAddedLast)));
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (start != null) {
            node.put("start", start);
        }
        if (dateAddedLast != null) {
            node.put("dateAddedLast", dateAddedLast);
        }
        ObjectNode keys = node.putObject("boundary");
        boundary.forEach(keys::put);
        return node;
    }

    /** The position a checkpoint saved; a checkpoint that is not one fails with a clear message. */
    public static PollPosition fromJson(JsonNode node, String what) {
        PollPosition position = new PollPosition(node.path("start").asText(null));
        if (node.hasNonNull("dateAddedLast")) {
            position.dateAddedLast = node.get("dateAddedLast").asText();
            TaxiiTime.parse(position.dateAddedLast, what + " dateAddedLast");
        }
        node.path("boundary").fields().forEachRemaining(e -> position.boundary.put(e.getKey(), e.getValue().asText()));
        return position;
    }

    @Override
    public String toString() {
        return "PollPosition[dateAddedLast=" + dateAddedLast + ", start=" + start + ", boundary=" + boundary.size() + "]";
    }
}

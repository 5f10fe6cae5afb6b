package io.ctiflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.store.ObjectQuery;
import io.ctiflow.taxii.store.Page;
import io.ctiflow.taxii.store.StoredObject;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded TAXII server's collections, one per destination: pick one and page through its objects (newest
 * version of each, in the order they were added), each with its STIX JSON to unfold - what the partner reads.
 */
final class CollectionsPage extends io.ctiflow.console.Page {

    static final int PAGE_SIZE = 50;


    CollectionsPage(ConsoleSources sources, Templates templates) {
        super("/collections", "/collections", sources, templates);
    }

    @Override
    void handle(WebRequest request) throws IOException {
        TaxiiCollections collections = sources.collections();
        Map<String, Object> values = new HashMap<>(Map.of("title", "Collections", "enabled", collections != null));
        if (collections == null) {
            request.html(200, templates.render("collections", request, values));
            return;
        }
        String destination = request.param("destination");
        List<Map<String, Object>> choices = new ArrayList<>();
        collections.byDestination().keySet().stream().sorted()
                .forEach(d -> choices.add(Map.of("id", d, "selected", d.equals(destination))));
        values.put("destinations", choices);
        String collectionId = destination == null ? null : collections.byDestination().get(destination);
        if (collectionId != null) {
            long after = request.param("after") == null ? 0 : Long.parseLong(request.param("after"));
            Page page = collections.store().page(collectionId, ObjectQuery.all(PAGE_SIZE).after(after), true);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StoredObject o : page.objects()) {
                JsonNode json = Stix.mapper().readTree(o.json());
                rows.add(Map.of("id", json.path("id").asText(), "type", json.path("type").asText(), "name", json.path("name").asText(json.path("pattern").asText("")),
                        "modified", json.path("modified").asText(""), "added", Instant.ofEpochMilli(o.dateAdded() / 1000).toString(),
                        "json", json.toPrettyString()));
            }
            values.putAll(Map.of("destination", destination, "collectionId", collectionId, "rows", rows, "empty", rows.isEmpty(),
                    "more", page.more(), "next", page.more() ? page.lastSeq() : 0, "first", after > 0));
        }
        request.html(200, templates.render("collections", request, values));
    }
}

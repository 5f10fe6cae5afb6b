package io.ctiflow.taxii.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.store.AddResult;
import io.ctiflow.taxii.store.TaxiiTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The status resource of a POST (TAXII 2.1 section 4.3.1). Envelopes are stored before the answer, so it is always complete. */
final class StatusJson {

    private StatusJson() {
    }

    static String write(String statusId, long requestTimestamp, EnvelopeParser.Envelope envelope, AddResult result) {
        byte[] json = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("id", statusId);
            g.writeStringField("status", "complete");
            g.writeStringField("request_timestamp", TaxiiTime.format(requestTimestamp));
            g.writeNumberField("total_count", envelope.total());
            g.writeNumberField("success_count", result.successes().size());
            Json.list(g, "successes", result.successes(), (out, o) -> {
                out.writeStartObject();
                out.writeStringField("id", o.id());
                version(out, o.version(), result.dateAdded());
                out.writeEndObject();
            });
            g.writeNumberField("failure_count", envelope.failures().size());
            Json.list(g, "failures", envelope.failures(), (out, f) -> {
                out.writeStartObject();
                out.writeStringField("id", f.id());
                if (f.version() != null) {
                    out.writeStringField("version", f.version());
                }
                out.writeStringField("message", f.message());
                out.writeEndObject();
            });
            g.writeNumberField("pending_count", 0); // stored before the answer: nothing is ever pending, so no pendings list
            g.writeEndObject();
        });
        return new String(json, StandardCharsets.UTF_8);
    }

    /**
     * A stored status as it is served. Statuses stored by earlier ctiflow versions
     * carry empty lists ({@code "pendings":[]}); they lose them here, so no answer has one.
     */
    static byte[] served(String stored) {
        if (!stored.contains("[]")) {
            return stored.getBytes(StandardCharsets.UTF_8);
        }
        try {
            ObjectNode status = (ObjectNode) Stix.mapper().readTree(stored);
            List<String> empty = new ArrayList<>();
            status.fieldNames().forEachRemaining(name -> {
                if (status.get(name).isArray() && status.get(name).isEmpty()) {
                    empty.add(name);
                }
            });
            return Stix.mapper().writeValueAsBytes(status.remove(empty));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void version(JsonGenerator g, long version, long dateAdded) throws IOException {
        g.writeStringField("version", TaxiiTime.format(version == TaxiiTime.NO_VERSION ? dateAdded : version));
    }
}

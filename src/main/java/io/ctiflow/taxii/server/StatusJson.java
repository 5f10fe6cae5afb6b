package io.ctiflow.taxii.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ctiflow.taxii.store.AddResult;
import io.ctiflow.taxii.store.NewObject;
import io.ctiflow.taxii.store.TaxiiTime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
            g.writeArrayFieldStart("successes");
            for (NewObject o : result.successes()) {
                g.writeStartObject();
                g.writeStringField("id", o.id());
                version(g, o.version(), result.dateAdded());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("failure_count", envelope.failures().size());
            g.writeArrayFieldStart("failures");
            for (EnvelopeParser.Failure f : envelope.failures()) {
                g.writeStartObject();
                g.writeStringField("id", f.id());
                if (f.version() != null) {
                    g.writeStringField("version", f.version());
                }
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("pending_count", 0);
            g.writeArrayFieldStart("pendings");
            g.writeEndArray();
            g.writeEndObject();
        });
        return new String(json, StandardCharsets.UTF_8);
    }

    private static void version(JsonGenerator g, long version, long dateAdded) throws IOException {
        g.writeStringField("version", TaxiiTime.format(version == TaxiiTime.NO_VERSION ? dateAdded : version));
    }
}

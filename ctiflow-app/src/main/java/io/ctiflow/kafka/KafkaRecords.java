package io.ctiflow.kafka;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.StixBodies;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka sink's step (bean {@code kafkaRecords}): turns a {@link Batch} (or a list of, or one,
 * {@link StixObject}) into one Camel message per STIX object, which camel-kafka sends as one record
 * each when the list is the body of a {@code kafka:} producer. Body: the object's JSON bytes; key
 * ({@code kafka.KEY}): the STIX id, so a compacted topic keeps the newest version of every object;
 * headers {@value #TYPE}, {@value #DESTINATION} (from {@code CtiflowDestination}, when set),
 * {@value #TLP} and {@value #MODIFIED} (absent for objects without one).
 */
public final class KafkaRecords {

    public static final String TYPE = "ctiflow-type";
    public static final String DESTINATION = "ctiflow-destination";
    /** The most restrictive TLP 2.0 level among the object's object_marking_refs, or {@value #NO_TLP}. */
    public static final String TLP = "ctiflow-tlp";
    public static final String MODIFIED = "ctiflow-modified";
    public static final String NO_TLP = "none";

    public List<Message> toRecords(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        String destination = exchange.getIn().getHeader(PipelineHeaders.DESTINATION, String.class);
        List<Message> records = new ArrayList<>();
        for (StixObject o : StixBodies.list(body, "kafkaRecords body")) {
            Message m = new DefaultMessage(exchange.getContext());
            m.setBody(o.json());
            m.setHeader(KafkaConstants.KEY, o.id());
            m.setHeader(TYPE, o.type());
            if (destination != null) {
                m.setHeader(DESTINATION, destination);
            }
            m.setHeader(TLP, tlpOf(o));
            if (o.modified() != null) {
                m.setHeader(MODIFIED, o.modified());
            }
            records.add(m);
        }
        return records;
    }

    /**
     * The TLP level of an object's object_marking_refs (the most restrictive when there are several),
     * {@value #NO_TLP} when none is a TLP 2.0 marking. Reads only the top-level properties as tokens
     * instead of parsing the whole object.
     */
    public static String tlpOf(StixObject object) {
        Tlp tlp = null;
        try (JsonParser p = Stix.mapper().getFactory().createParser(object.json())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NO_TLP;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("object_marking_refs".equals(name) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        Tlp t = Tlp.fromStandardMarkingId(p.getValueAsString()).orElse(null);
                        if (t != null && (tlp == null || t.isMoreRestrictiveThan(tlp))) {
                            tlp = t;
                        }
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt serialised STIX object " + object.id(), e);
        }
        return tlp == null ? NO_TLP : tlp.level();
    }
}

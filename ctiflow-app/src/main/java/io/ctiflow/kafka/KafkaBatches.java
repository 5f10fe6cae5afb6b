package io.ctiflow.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
/**
 * The Kafka source's steps (bean {@code kafkaBatches}). {@link #toBatch} turns one consumed record
 * into a {@link Batch} for {@code direct:batch-to-stix-files}: one STIX object, or, when the record
 * is not a STIX object, no object and one {@link Reject} naming topic/partition (origin), offset
 * (line) and reason, which the dead letter records while the consumer goes on. {@link #commit}
 * commits the record's offset; it is the route's last step, so an offset is committed only after
 * everything before it succeeded (at-least-once).
 */
public final class KafkaBatches {

    public static final String SOURCE = "kafka";
    private static final Pattern STIX_ID = Pattern.compile("([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_RECORD_CHARS = 4096;

    public Batch toBatch(Exchange exchange) {
        Message in = exchange.getIn();
        String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
        Integer partition = in.getHeader(KafkaConstants.PARTITION, Integer.class);
        Long offset = in.getHeader(KafkaConstants.OFFSET, Long.class);
        long line = offset == null ? -1 : offset;
        String origin = topic + "-" + (partition == null ? "?" : partition);
        int sequence = (int) Math.min(Math.max(line, 0), Integer.MAX_VALUE);
        in.setHeader(PipelineHeaders.FEED, SOURCE);
        in.setHeader(PipelineHeaders.ORIGIN, topic + "/" + partition + "@" + line);
        byte[] value = in.getBody(byte[].class);
        String reason;
        if (value == null) {
            reason = "empty record (tombstone)";
        } else {
            reason = null;
            JsonNode node = null;
            try {
                node = Stix.mapper().readTree(value);
            } catch (JsonProcessingException e) {
                reason = "not JSON: " + e.getOriginalMessage();
            } catch (IOException e) {
                reason = "not JSON: " + e.getMessage();
            }
            if (reason == null) {
                reason = problem(node);
            }
            if (reason == null) {
                StixObject object = StixObject.of((ObjectNode) node);
                return new Batch(SOURCE, origin, sequence, 1, List.of(object), List.of());
            }
        }
        String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
        if (text.length() > MAX_RECORD_CHARS) {
            text = text.substring(0, MAX_RECORD_CHARS) + "...";
        }
        return new Batch(SOURCE, origin, sequence, 1, List.of(), List.of(new Reject(SOURCE, topic + "/" + partition, line, reason, text)));
    }

    /** Why a parsed record is not a STIX object, or null when it is one. */
    static String problem(JsonNode node) {
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        if (node.has("objects") && "bundle".equals(node.path("type").asText())) {
            return "a bundle, not one STIX object";
        }
        JsonNode type = node.get("type");
        JsonNode id = node.get("id");
        if (type == null || !type.isTextual()) {
            return "no STIX type";
        }
        if (id == null || !id.isTextual()) {
            return "no STIX id";
        }
        var m = STIX_ID.matcher(id.asText());
        if (!m.matches() || !m.group(1).equals(type.asText())) {
            return "invalid STIX id '" + id.asText() + "' for type " + type.asText();
        }
        return null;
    }

    /** Commits the offset of the record the exchange came from (requires allowManualCommit=true). */
    public void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual == null) {
            throw new IllegalStateException("no " + KafkaConstants.MANUAL_COMMIT + " header: consume with allowManualCommit=true and autoCommitEnable=false");
        }
        manual.commit();
    }
}

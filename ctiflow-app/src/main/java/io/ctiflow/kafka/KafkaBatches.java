package io.ctiflow.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.BundleObjects;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
/**
 * The Kafka source's steps (bean {@code kafkaBatches}). {@link #toBatch} turns one consumed record
 * into a {@link Batch} for {@code direct:batch-to-stix-files}: one STIX object, or, when the record
 * is not a STIX object, no object and one {@link Reject} naming topic/partition (origin), offset
 * (line) and reason, which the dead letter records while the consumer goes on. {@link #commit}
 * commits the record's offset; it is the route's last step, so an offset is committed only after
 * everything before it succeeded (at-least-once).
 *
 * <p>With sharing through Kafka ({@code ctiflow.share.via-kafka}), {@link #toShareRecord} turns a whole batch into
 * one share-topic record and {@link #fromShareRecord} turns it back on the instance that consumes it.
 */
public final class KafkaBatches {

    public static final String SOURCE = "kafka";
    /** Share-record headers: the batch's provenance, which the filter needs and the bundle does not carry. */
    public static final String SHARE_SOURCE = "ctiflow-source";
    public static final String SHARE_ORIGIN = "ctiflow-origin";
    public static final String SHARE_SEQUENCE = "ctiflow-sequence";
    public static final String SHARE_RECORDS = "ctiflow-records";
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
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
        String text = value == null ? "" : abbreviate(new String(value, StandardCharsets.UTF_8));
        return new Batch(SOURCE, origin, sequence, 1, List.of(), List.of(new Reject(SOURCE, topic + "/" + partition, line, reason, text)));
    }

    /**
     * The batch as one share-topic record: its bundle as the value (the shared definitions travel with the objects
     * that use them, so the consumer filters the batch exactly as this instance would have), key
     * {@code source/origin#sequence} (an input's batches spread over the partitions), provenance as headers.
     */
    public byte[] toShareRecord(Exchange exchange) {
        Batch batch = exchange.getIn().getBody(Batch.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.objects().size() * 700 + 128);
        try (BundleWriter writer = new BundleWriter(bytes, false)) {
            for (StixObject o : batch.objects()) {
                writer.write(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Message in = exchange.getIn();
        in.setHeader(KafkaConstants.KEY, batch.source() + "/" + batch.origin() + "#" + batch.sequence());
        in.setHeader(SHARE_SOURCE, batch.source());
        in.setHeader(SHARE_ORIGIN, batch.origin());
        in.setHeader(SHARE_SEQUENCE, Integer.toString(batch.sequence()));
        in.setHeader(SHARE_RECORDS, Long.toString(batch.recordsRead()));
        return bytes.toByteArray();
    }

    /**
     * A consumed share record as the batch it was sent as. A record without the share headers or whose value is not
     * a bundle of STIX objects becomes a batch with no object and one reject (dead-lettered with topic, partition,
     * offset and reason); nothing of it is shared. So does a value of more than {@code maxBytes}.
     */
    public Batch fromShareRecord(Exchange exchange, long maxBytes) {
        Message in = exchange.getIn();
        String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
        Integer partition = in.getHeader(KafkaConstants.PARTITION, Integer.class);
        Long offset = in.getHeader(KafkaConstants.OFFSET, Long.class);
        long line = offset == null ? -1 : offset;
        String where = topic + "/" + partition;
        in.setHeader(PipelineHeaders.ORIGIN, where + "@" + line);
        String source = header(in, SHARE_SOURCE);
        String origin = header(in, SHARE_ORIGIN);
        String sequence = header(in, SHARE_SEQUENCE);
        String records = header(in, SHARE_RECORDS);
        byte[] value = in.getBody(byte[].class);
        String reason = null;
        if (source == null || origin == null || sequence == null || records == null) {
            reason = "not a share record: headers " + SHARE_SOURCE + ", " + SHARE_ORIGIN + ", " + SHARE_SEQUENCE + " and " + SHARE_RECORDS + " are required";
        } else if (!SOURCE_NAME.matcher(source).matches()) {
            reason = "invalid " + SHARE_SOURCE + " '" + abbreviate(source) + "'";
        } else if (!sequence.matches("[0-9]{1,9}") || !records.matches("[0-9]{1,18}")) {
            reason = "invalid " + SHARE_SEQUENCE + " or " + SHARE_RECORDS + " (not a number)";
        } else if (value == null) {
            reason = "empty record (tombstone)";
        } else if (value.length > maxBytes) {
            reason = "record of " + value.length + " bytes, more than ctiflow.share.max-record-bytes (" + maxBytes + ")";
        }
        List<StixObject> objects = new ArrayList<>();
        if (reason == null) {
            try (BundleObjects bundle = new BundleObjects(new ByteArrayInputStream(value), where + "@" + line)) {
                bundle.forEachRemaining(objects::add);
            } catch (RuntimeException | IOException e) {
                reason = e.getMessage();
            }
        }
        if (reason != null) {
            String text = value == null ? "" : abbreviate(new String(value, StandardCharsets.UTF_8));
            return new Batch(SOURCE, where, (int) Math.min(Math.max(line, 0), Integer.MAX_VALUE), 1, List.of(),
                    List.of(new Reject(SOURCE, where, line, reason, text)));
        }
        in.setHeader(PipelineHeaders.FEED, source);
        return new Batch(source, origin, Integer.parseInt(sequence), Long.parseLong(records), objects, List.of());
    }

    /** A header as text: the consumer hands Kafka headers over as bytes. */
    private static String header(Message in, String name) {
        Object value = in.getHeader(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > MAX_RECORD_CHARS ? text.substring(0, MAX_RECORD_CHARS) + "..." : text;
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

package io.ctiflow.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** STIX objects and plain Kafka clients for the Kafka tests. */
final class KafkaTestData {

    private KafkaTestData() {
    }

    static StixObject indicator(String uuid, String modified, Tlp... tlps) {
        ObjectNode o = Stix.mapper().createObjectNode();
        o.put("type", "indicator");
        o.put("spec_version", "2.1");
        o.put("id", "indicator--" + uuid);
        o.put("created", "2026-01-01T00:00:00.000Z");
        o.put("modified", modified);
        o.put("name", "bad ip " + uuid.substring(0, 8));
        o.put("pattern", "[ipv4-addr:value = '198.51.100.7']");
        o.put("pattern_type", "stix");
        o.put("valid_from", "2026-01-01T00:00:00Z");
        if (tlps.length > 0) {
            var refs = o.putArray("object_marking_refs");
            for (Tlp t : tlps) {
                refs.add(t.markingId());
            }
        }
        return StixObject.of(o);
    }

    static StixObject indicator() {
        return indicator(UUID.randomUUID().toString(), "2026-01-01T00:00:00.000Z");
    }

    static StixObject ipv4(String value) {
        ObjectNode o = Stix.mapper().createObjectNode();
        o.put("type", "ipv4-addr");
        o.put("spec_version", "2.1");
        o.put("id", "ipv4-addr--" + UUID.nameUUIDFromBytes(value.getBytes(StandardCharsets.UTF_8)));
        o.put("value", value);
        return StixObject.of(o);
    }

    static String topic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Reads a one-partition topic from the beginning until {@code count} records came (at most 20 s),
     * then polls once more so that records beyond {@code count} show up too.
     */
    static List<ConsumerRecord<String, byte[]>> read(String brokers, String topic, int count) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            TopicPartition p0 = new TopicPartition(topic, 0);
            consumer.assign(List.of(p0));
            consumer.seekToBeginning(List.of(p0));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            return records;
        }
    }

    /** Writes raw records (key, value) with a plain producer. */
    static void write(String brokers, String topic, List<Map.Entry<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers,
                "key.serializer", StringSerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName()))) {
            for (var r : records) {
                producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())).get();
            }
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

package io.ctiflow.kafka;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.ctiflow.kafka.KafkaTestData.header;
import static org.assertj.core.api.Assertions.assertThat;

/** The sink route (routes/common/batch-to-kafka.camel.yaml) against a real broker. */
@ExtendWith(KafkaBroker.Shared.class)
class KafkaSinkTest {

    private final String brokers = KafkaBroker.shared().bootstrap();

    @Test
    void writesOneRecordPerObjectKeyedByIdWithHeaders() throws Exception {
        String topic = KafkaTestData.topic("sink");
        StixObject amber = KafkaTestData.indicator(UUID.randomUUID().toString(), "2026-02-01T10:00:00.000Z", Tlp.GREEN, Tlp.AMBER);
        StixObject unmarked = KafkaTestData.indicator();
        StixObject sco = KafkaTestData.ipv4("198.51.100.7");
        try (CamelContext camel = KafkaBench.sinkContext(brokers, topic)) {
            camel.start();
            camel.createProducerTemplate().sendBodyAndHeader("direct:batch-to-kafka",
                    new Batch("test", "in.csv", 1, 3, List.of(amber, unmarked, sco), List.of()), PipelineHeaders.DESTINATION, "cert-eu");
        }
        List<ConsumerRecord<String, byte[]>> records = KafkaTestData.read(brokers, topic, 3);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly(amber.id(), unmarked.id(), sco.id());
        assertThat(records).extracting(ConsumerRecord::value).containsExactly(amber.json(), unmarked.json(), sco.json());
        assertThat(records).allSatisfy(r -> assertThat(header(r, KafkaRecords.DESTINATION)).isEqualTo("cert-eu"));
        assertThat(records).extracting(r -> header(r, KafkaRecords.TYPE)).containsExactly("indicator", "indicator", "ipv4-addr");
        assertThat(records).extracting(r -> header(r, KafkaRecords.TLP)).containsExactly("amber", "none", "none");
        assertThat(records).extracting(r -> header(r, KafkaRecords.MODIFIED)).containsExactly("2026-02-01T10:00:00.000Z", "2026-01-01T00:00:00.000Z", null);
        // nothing else of the exchange leaks into the record headers
        assertThat(records.get(0).headers().toArray()).extracting(h -> h.key())
                .containsExactlyInAnyOrder(KafkaRecords.TYPE, KafkaRecords.DESTINATION, KafkaRecords.TLP, KafkaRecords.MODIFIED);
    }

    @Test
    void versionsOfAnObjectShareTheKeySoACompactedTopicKeepsTheNewest() throws Exception {
        String topic = KafkaTestData.topic("compact");
        try (var admin = KafkaBroker.shared().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        String uuid = UUID.randomUUID().toString();
        StixObject v1 = KafkaTestData.indicator(uuid, "2026-01-01T00:00:00.000Z");
        StixObject v2 = KafkaTestData.indicator(uuid, "2026-03-01T00:00:00.000Z");
        try (CamelContext camel = KafkaBench.sinkContext(brokers, topic)) {
            camel.start();
            var template = camel.createProducerTemplate();
            template.sendBody("direct:batch-to-kafka", List.of(v1));
            template.sendBody("direct:batch-to-kafka", List.of(v1)); // the same version again (a re-run)
            template.sendBody("direct:batch-to-kafka", v2);
        }
        List<ConsumerRecord<String, byte[]>> records = KafkaTestData.read(brokers, topic, 3);
        assertThat(records).hasSize(3).extracting(ConsumerRecord::key).containsOnly(v1.id());
        assertThat(records.get(2).value()).isEqualTo(v2.json());
        assertThat(header(records.get(2), KafkaRecords.MODIFIED)).isEqualTo("2026-03-01T00:00:00.000Z");
    }

    @Test
    void producerIsIdempotentWithAcksAll() throws Exception {
        try (CamelContext camel = KafkaBench.sinkContext(brokers, "unused")) {
            camel.start();
            KafkaEndpoint endpoint = camel.getEndpoints().stream().filter(KafkaEndpoint.class::isInstance)
                    .map(KafkaEndpoint.class::cast).findFirst().orElseThrow();
            Properties p = endpoint.getConfiguration().createProducerProperties();
            assertThat(p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).hasToString("true");
            assertThat(p.get(ProducerConfig.ACKS_CONFIG)).hasToString("all");
            assertThat(Integer.parseInt(p.get(ProducerConfig.RETRIES_CONFIG).toString())).isEqualTo(Integer.MAX_VALUE);
            assertThat(Integer.parseInt(p.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION).toString())).isBetween(1, 5);
            assertThat(p.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)).hasToString("org.apache.kafka.common.serialization.ByteArraySerializer");
            assertThat(endpoint.getConfiguration().isBatchWithIndividualHeaders()).isTrue();
        }
    }

    @Test
    void benchHookDeliversEveryObject() throws Exception {
        String topic = KafkaTestData.topic("bench");
        List<StixObject> objects = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            objects.add(KafkaTestData.indicator());
        }
        double rate = KafkaBench.deliver(objects, brokers, topic, 500);
        assertThat(rate).isPositive();
        // the warm-up sends the first object once more
        assertThat(KafkaTestData.read(brokers, topic, 2001)).hasSize(2001);
    }
}

package io.ctiflow.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowRouteTestSupport;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real runtime (routes/ under camel-main, beans from CtiflowConfiguration) with the Kafka sink and
 * source switched on: a batch sent to direct:batch-to-kafka comes back from the topic as bundle files.
 */
@ExtendWith(KafkaBroker.Shared.class)
@CtiflowRouteTestSupport.TestProperties({"ctiflow.kafka.enabled", "true", "ctiflow.kafka.source.enabled", "true",
        "ctiflow.kafka.source.group", "ctiflow-test", "ctiflow.kafka.source.poll-timeout", "500"})
class KafkaRuntimeTest extends CtiflowRouteTestSupport {

    private final String topic = KafkaTestData.topic("runtime");

    @Override
    protected Map<String, String> properties() {
        return Map.of("ctiflow.kafka.brokers", KafkaBroker.shared().bootstrap(), "ctiflow.kafka.topic", topic, "ctiflow.kafka.source.topic", topic);
    }

    @Test
    void batchToKafkaAndBackIntoBundleFiles() throws Exception {
        NotifyBuilder records = whenDone("kafka-to-stix-files", 2);
        StixObject a = KafkaTestData.indicator(UUID.randomUUID().toString(), "2026-01-01T00:00:00.000Z", Tlp.CLEAR);
        StixObject b = KafkaTestData.indicator(UUID.randomUUID().toString(), "2026-01-01T00:00:00.000Z", Tlp.CLEAR);
        template.sendBody("direct:batch-to-kafka", new Batch("test", "in.csv", 1, 2, List.of(a, b), List.of()));
        assertDone(records);
        Path first = work.resolve("stix/kafka-" + topic + "-0-00000.json");
        Path second = work.resolve("stix/kafka-" + topic + "-0-00001.json");
        assertThat(first).exists();
        assertThat(second).exists();
        JsonNode bundle = Stix.mapper().readTree(first.toFile());
        assertThat(bundle.path("type").asText()).isEqualTo("bundle");
        assertThat(bundle.path("objects").findValuesAsText("id")).contains(a.id());
    }
}

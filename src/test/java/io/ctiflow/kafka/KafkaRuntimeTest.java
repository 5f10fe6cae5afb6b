package io.ctiflow.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowRuntime;
import io.ctiflow.feed.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real runtime (routes/ under camel-main, beans from CtiflowConfiguration) with the Kafka sink and
 * source switched on: a batch sent to direct:batch-to-kafka comes back from the topic as bundle files.
 */
@ExtendWith(KafkaBroker.Shared.class)
class KafkaRuntimeTest {

    @TempDir
    Path work;

    @Test
    void batchToKafkaAndBackIntoBundleFiles() throws Exception {
        String topic = KafkaTestData.topic("runtime");
        Main main = CtiflowRuntime.create(Path.of("").toAbsolutePath(), null, Map.of("ctiflow.work", work.toString(),
                "ctiflow.kafka.enabled", "true", "ctiflow.kafka.source.enabled", "true",
                "ctiflow.kafka.brokers", KafkaBroker.shared().bootstrap(), "ctiflow.kafka.topic", topic,
                "ctiflow.kafka.source.topic", topic, "ctiflow.kafka.source.group", "ctiflow-test",
                "ctiflow.kafka.source.poll-timeout", "500"));
        main.start();
        try {
            StixObject a = KafkaTestData.indicator(UUID.randomUUID().toString(), "2026-01-01T00:00:00.000Z", Tlp.CLEAR);
            StixObject b = KafkaTestData.indicator(UUID.randomUUID().toString(), "2026-01-01T00:00:00.000Z", Tlp.CLEAR);
            main.getCamelContext().createProducerTemplate().sendBody("direct:batch-to-kafka",
                    new Batch("test", "in.csv", 1, 2, List.of(a, b), List.of()));
            Path first = work.resolve("stix/kafka-" + topic + "-0-00000.json");
            Path second = work.resolve("stix/kafka-" + topic + "-0-00001.json");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(first) && Files.exists(second));
            JsonNode bundle = Stix.mapper().readTree(first.toFile());
            assertThat(bundle.path("type").asText()).isEqualTo("bundle");
            assertThat(bundle.path("objects").findValuesAsText("id")).contains(a.id());
        } finally {
            main.stop();
        }
    }
}

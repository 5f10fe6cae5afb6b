package io.ctiflow.kafka;

import io.ctiflow.stix.StixObject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink started while no broker runs: the send waits and retries, and delivers once the broker is up. */
class KafkaBrokerDownAtStartTest {

    @Test
    void deliversOnceTheBrokerIsUp() throws Exception {
        int port = KafkaBroker.freePort();
        String brokers = "127.0.0.1:" + port;
        String topic = KafkaTestData.topic("late");
        StixObject a = KafkaTestData.indicator();
        StixObject b = KafkaTestData.ipv4("192.0.2.44");
        try (CamelContext camel = KafkaBench.sinkContext(brokers, topic)) {
            camel.start();
            var template = camel.createProducerTemplate();
            CompletableFuture<Object> sent = CompletableFuture.supplyAsync(() -> template.requestBody("direct:batch-to-kafka", List.of(a, b)));
            Thread.sleep(1500);
            assertThat(sent).isNotDone();
            try (KafkaBroker broker = KafkaBroker.start(port)) {
                sent.get(60, TimeUnit.SECONDS);
                // delivered exactly once each, despite the retries
                var records = KafkaTestData.read(broker.bootstrap(), topic, 2);
                assertThat(records).extracting(r -> r.key()).containsExactly(a.id(), b.id());
            }
        }
    }
}

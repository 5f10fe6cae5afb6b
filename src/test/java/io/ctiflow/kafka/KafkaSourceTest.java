package io.ctiflow.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.feed.Batch;
import io.ctiflow.feed.DeadLetters;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The source route (routes/common/kafka-to-stix-files.camel.yaml, with the shared error handling)
 * against a real broker; direct:batch-to-stix-files is replaced by a recorder behind the real dead letter.
 */
@ExtendWith(KafkaBroker.Shared.class)
class KafkaSourceTest {

    private final String brokers = KafkaBroker.shared().bootstrap();

    @TempDir
    Path work;

    @Test
    void consumesCommitsAfterSuccessDeadLettersMalformedRecordsAndDoesNotRedeliverAfterRestart() throws Exception {
        String topic = KafkaTestData.topic("source");
        StixObject first = KafkaTestData.indicator();
        StixObject last = KafkaTestData.ipv4("203.0.113.9");
        KafkaTestData.write(brokers, topic, List.of(Map.entry(first.id(), first.json()),
                Map.entry("x", "not json {".getBytes(StandardCharsets.UTF_8)),
                Map.entry("y", "{\"type\":\"indicator\",\"id\":\"malware--1\"}".getBytes(StandardCharsets.UTF_8)),
                Map.entry(first.id(), markedTwice(first)),
                Map.entry(last.id(), last.json())));
        List<String> received = new CopyOnWriteArrayList<>();
        try (CamelContext camel = sourceContext(topic, "group-a", b -> b.objects().forEach(o -> received.add(o.id())))) {
            camel.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> committed(topic, "group-a") == 5);
        }
        assertThat(received).containsExactly(first.id(), last.id());
        List<JsonNode> rejects = jsonLines(work.resolve("deadletter/kafka.jsonl"));
        assertThat(rejects).extracting(r -> r.path("line").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(rejects).extracting(r -> r.path("origin").asText()).containsOnly(topic + "/0");
        assertThat(rejects.get(0).path("reason").asText()).startsWith("not JSON");
        assertThat(rejects.get(1).path("reason").asText()).contains("invalid STIX id 'malware--1'");
        assertThat(rejects.get(0).path("record").asText()).isEqualTo("not json {");
        assertThat(rejects.get(2).path("reason").asText()).as("read last-wins it would be TLP:CLEAR").contains("Duplicate field 'object_marking_refs'");

        // restart with the same group: only what came after the committed offsets is delivered
        StixObject later = KafkaTestData.indicator();
        KafkaTestData.write(brokers, topic, List.of(Map.entry(later.id(), later.json())));
        List<String> afterRestart = new CopyOnWriteArrayList<>();
        try (CamelContext camel = sourceContext(topic, "group-a", b -> b.objects().forEach(o -> afterRestart.add(o.id())))) {
            camel.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> committed(topic, "group-a") == 6);
        }
        assertThat(afterRestart).containsExactly(later.id());
    }

    @Test
    void aFailingExchangeIsNotCommittedAndIsDeliveredAgain() throws Exception {
        String topic = KafkaTestData.topic("failing");
        StixObject ok = KafkaTestData.indicator();
        StixObject poison = KafkaTestData.indicator();
        KafkaTestData.write(brokers, topic, List.of(Map.entry(ok.id(), ok.json()), Map.entry(poison.id(), poison.json())));
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (CamelContext camel = sourceContext(topic, "group-b", b -> {
            for (StixObject o : b.objects()) {
                if (o.id().equals(poison.id()) && failing.get()) {
                    failures.incrementAndGet();
                    throw new IllegalStateException("destination unavailable");
                }
                delivered.add(o.id());
            }
        })) {
            camel.start();
            // breakOnFirstError: the consumer goes back to the failed record and reads it again
            await().atMost(Duration.ofSeconds(20)).until(() -> failures.get() >= 2);
            assertThat(committed(topic, "group-b")).isEqualTo(1);
            failing.set(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> committed(topic, "group-b") == 2);
        }
        assertThat(delivered).containsExactly(ok.id(), poison.id());
        assertThat(jsonLines(work.resolve("deadletter/failed-inputs.jsonl"))).isNotEmpty()
                .allSatisfy(l -> assertThat(l.path("reason").asText()).contains("destination unavailable"));
    }

    private CamelContext sourceContext(String topic, String group, Consumer<Batch> pipeline) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.putAll(Map.of("ctiflow.kafka.source.enabled", "true", "ctiflow.kafka.brokers", brokers,
                "ctiflow.kafka.source.topic", topic, "ctiflow.kafka.source.group", group,
                "ctiflow.remote.retries", "0", "ctiflow.remote.retry.delay", "10", "ctiflow.kafka.source.poll-timeout", "500"));
        camel.getPropertiesComponent().setInitialProperties(props);
        DeadLetters deadLetters = new DeadLetters(work.resolve("deadletter"), new FeedStats());
        camel.getRegistry().bind("deadLetters", deadLetters);
        camel.getRegistry().bind("kafkaBatches", new KafkaBatches());
        // route configurations first: a route added before them would not get its configuration
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveResource(camel, "file:" + Path.of("routes/common/error-handling.camel.yaml").toAbsolutePath()),
                ResourceHelper.resolveResource(camel, "file:" + Path.of("routes/common/kafka-to-stix-files.camel.yaml").toAbsolutePath()));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:batch-to-stix-files").routeConfigurationId("ctiflow-pipeline")
                        .bean(deadLetters, "write")
                        .process(e -> pipeline.accept(e.getIn().getBody(Batch.class)));
            }
        });
        return camel;
    }

    private long committed(String topic, String group) throws Exception {
        try (var admin = KafkaBroker.shared().admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static List<JsonNode> jsonLines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(Stix.mapper().readTree(line));
        }
        return lines;
    }

    /** The object's JSON with object_marking_refs twice: TLP:RED first, then TLP:CLEAR. */
    private static byte[] markedTwice(StixObject o) {
        String json = new String(o.json(), StandardCharsets.UTF_8);
        return ("{\"object_marking_refs\":[\"" + io.ctiflow.stix.Tlp.RED.markingId() + "\"],\"object_marking_refs\":[\""
                + io.ctiflow.stix.Tlp.CLEAR.markingId() + "\"]," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
    }
}

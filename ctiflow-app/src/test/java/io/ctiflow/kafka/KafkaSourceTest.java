package io.ctiflow.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowRouteTestSupport;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.apache.camel.builder.AdviceWith;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The source route (routes/common/kafka-to-stix-files.camel.yaml, with the shared error handling)
 * against a real broker; its step to direct:batch-to-stix-files is replaced by the real dead letter
 * and a recorder (AdviceWith).
 */
@ExtendWith(KafkaBroker.Shared.class)
@CtiflowRouteTestSupport.TestProperties({"ctiflow.kafka.source.enabled", "true", "ctiflow.remote.retries", "0", "ctiflow.remote.retry.delay", "10",
        "ctiflow.kafka.source.poll-timeout", "500"})
class KafkaSourceTest extends CtiflowRouteTestSupport {

    private static final String ROUTE = "kafka-to-stix-files";

    private final String brokers = KafkaBroker.shared().bootstrap();
    private final String topic = KafkaTestData.topic("source");
    private volatile Consumer<Batch> pipeline;

    @Override
    protected Map<String, String> properties() {
        return Map.of("ctiflow.kafka.brokers", brokers, "ctiflow.kafka.source.topic", topic);
    }

    /** The route is advised before each start: what it hands on goes to {@link #pipeline}. */
    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    private void start(Consumer<Batch> batches) throws Exception {
        pipeline = batches;
        AdviceWith.adviceWith(context, ROUTE, route -> route.weaveByToUri("direct:batch-to-stix-files").replace()
                .bean("deadLetters", "write")
                .process(e -> pipeline.accept(e.getIn().getBody(Batch.class))));
        context.start();
    }

    @Test
    @TestProperties({"ctiflow.kafka.source.group", "group-a"})
    void consumesCommitsAfterSuccessDeadLettersMalformedRecordsAndDoesNotRedeliverAfterRestart() throws Exception {
        StixObject first = KafkaTestData.indicator();
        StixObject last = KafkaTestData.ipv4("203.0.113.9");
        KafkaTestData.write(brokers, topic, List.of(Map.entry(first.id(), first.json()),
                Map.entry("x", "not json {".getBytes(StandardCharsets.UTF_8)),
                Map.entry("y", "{\"type\":\"indicator\",\"id\":\"malware--1\"}".getBytes(StandardCharsets.UTF_8)),
                Map.entry(first.id(), markedTwice(first)),
                Map.entry(last.id(), last.json())));
        List<String> received = new CopyOnWriteArrayList<>();
        start(b -> b.objects().forEach(o -> received.add(o.id())));
        await().atMost(Duration.ofSeconds(20)).until(() -> committed(topic, "group-a") == 5);
        context.stop();
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
        restart();
        start(b -> b.objects().forEach(o -> afterRestart.add(o.id())));
        await().atMost(Duration.ofSeconds(20)).until(() -> committed(topic, "group-a") == 6);
        context.stop();
        assertThat(afterRestart).containsExactly(later.id());
    }

    @Test
    @TestProperties({"ctiflow.kafka.source.group", "group-b"})
    void aFailingExchangeIsNotCommittedAndIsDeliveredAgain() throws Exception {
        StixObject ok = KafkaTestData.indicator();
        StixObject poison = KafkaTestData.indicator();
        KafkaTestData.write(brokers, topic, List.of(Map.entry(ok.id(), ok.json()), Map.entry(poison.id(), poison.json())));
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        start(b -> {
            for (StixObject o : b.objects()) {
                if (o.id().equals(poison.id()) && failing.get()) {
                    failures.incrementAndGet();
                    throw new IllegalStateException("destination unavailable");
                }
                delivered.add(o.id());
            }
        });
        // breakOnFirstError: the consumer goes back to the failed record and reads it again
        await().atMost(Duration.ofSeconds(20)).until(() -> failures.get() >= 2);
        assertThat(committed(topic, "group-b")).isEqualTo(1);
        failing.set(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> committed(topic, "group-b") == 2);
        context.stop();
        assertThat(delivered).containsExactly(ok.id(), poison.id());
        assertThat(jsonLines(work.resolve("deadletter/failed-inputs.jsonl"))).isNotEmpty()
                .allSatisfy(l -> assertThat(l.path("reason").asText()).contains("destination unavailable"));
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
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(Stix.mapper().readTree(line));
        }
        return lines;
    }

    /** The object's JSON with object_marking_refs twice: TLP:RED first, then TLP:CLEAR. */
    private static byte[] markedTwice(StixObject o) {
        String json = new String(o.json(), StandardCharsets.UTF_8);
        return ("{\"object_marking_refs\":[\"" + Tlp.RED.markingId() + "\"],\"object_marking_refs\":[\""
                + Tlp.CLEAR.markingId() + "\"]," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
    }
}

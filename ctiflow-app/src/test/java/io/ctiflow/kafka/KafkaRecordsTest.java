package io.ctiflow.kafka;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sink and source steps without a broker. */
class KafkaRecordsTest {

    @Test
    void tlpIsTheMostRestrictiveTlpMarkingOrNone() throws Exception {
        String uuid = UUID.randomUUID().toString();
        assertThat(KafkaRecords.tlpOf(KafkaTestData.indicator(uuid, "2026-01-01T00:00:00.000Z", Tlp.AMBER_STRICT, Tlp.GREEN))).isEqualTo("amber+strict");
        assertThat(KafkaRecords.tlpOf(KafkaTestData.indicator(uuid, "2026-01-01T00:00:00.000Z", Tlp.RED))).isEqualTo("red");
        assertThat(KafkaRecords.tlpOf(KafkaTestData.indicator())).isEqualTo("none");
        // a marking that is not TLP, and a TLP id nested elsewhere, do not count
        var tree = KafkaTestData.indicator().tree();
        tree.putArray("object_marking_refs").add("marking-definition--" + UUID.randomUUID());
        tree.putObject("x_other").putArray("object_marking_refs").add(Tlp.RED.markingId());
        assertThat(KafkaRecords.tlpOf(StixObject.of(tree))).isEqualTo("none");
    }

    @Test
    void oneMessagePerObjectAndNoneForAnEmptyBatch() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            var exchange = new DefaultExchange(camel);
            StixObject a = KafkaTestData.indicator();
            exchange.getIn().setBody(new Batch("s", "o", 1, 1, List.of(a), List.of()));
            List<Message> records = new KafkaRecords().toRecords(exchange);
            assertThat(records).singleElement().satisfies(m -> {
                assertThat(m.getHeader(KafkaConstants.KEY)).isEqualTo(a.id());
                assertThat(m.getHeader(KafkaRecords.DESTINATION)).isNull();
                assertThat(m.getBody()).isEqualTo(a.json());
            });
            exchange.getIn().setBody(new Batch("s", "o", 1, 0, List.of(), List.of()));
            assertThat(new KafkaRecords().toRecords(exchange)).isEmpty();
            exchange.getIn().setBody("not objects");
            assertThatThrownBy(() -> new KafkaRecords().toRecords(exchange)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void recordsThatAreNotOneStixObjectAreRejectsWithTheirOffset() throws Exception {
        assertThat(KafkaBatches.problem(Stix.mapper().readTree("[1]"))).isEqualTo("not a JSON object");
        assertThat(KafkaBatches.problem(Stix.mapper().readTree("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[]}")))
                .isEqualTo("a bundle, not one STIX object");
        assertThat(KafkaBatches.problem(Stix.mapper().readTree("{\"id\":\"x\"}"))).isEqualTo("no STIX type");
        assertThat(KafkaBatches.problem(Stix.mapper().readTree("{\"type\":\"indicator\"}"))).isEqualTo("no STIX id");
        assertThat(KafkaBatches.problem(KafkaTestData.indicator().tree())).isNull();

        try (CamelContext camel = new DefaultCamelContext()) {
            var exchange = new DefaultExchange(camel);
            exchange.getIn().setHeader(KafkaConstants.TOPIC, "t");
            exchange.getIn().setHeader(KafkaConstants.PARTITION, 2);
            exchange.getIn().setHeader(KafkaConstants.OFFSET, 41L);
            exchange.getIn().setBody(null);
            Batch tombstone = new KafkaBatches().toBatch(exchange);
            assertThat(tombstone.objects()).isEmpty();
            assertThat(tombstone.rejects()).singleElement().satisfies(r -> {
                assertThat(r.origin()).isEqualTo("t/2");
                assertThat(r.line()).isEqualTo(41L);
                assertThat(r.reason()).contains("tombstone");
            });
            StixObject a = KafkaTestData.indicator();
            exchange.getIn().setBody(a.json());
            Batch batch = new KafkaBatches().toBatch(exchange);
            assertThat(batch.objects()).extracting(StixObject::id).containsExactly(a.id());
            assertThat(batch.bundleName()).isEqualTo("kafka-t-2-00041.json");
            exchange.getIn().setBody("{\"type\":".getBytes(StandardCharsets.UTF_8));
            assertThat(new KafkaBatches().toBatch(exchange).rejects().get(0).reason()).startsWith("not JSON");
        }
    }
}

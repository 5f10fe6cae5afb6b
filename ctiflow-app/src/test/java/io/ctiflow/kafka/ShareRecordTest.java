package io.ctiflow.kafka;

import io.ctiflow.pipeline.Batch;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch through the share topic's record form and back, and the records that must never be shared. */
class ShareRecordTest {

    private final KafkaBatches steps = new KafkaBatches();

    @Test
    void aBatchComesBackAsItWasSentWithItsProvenance() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            Batch sent = new Batch("urlhaus", "inbox/urlhaus/recent.csv", 7, 1200, List.of(KafkaTestData.indicator(), KafkaTestData.ipv4("198.51.100.7")), List.of());
            Exchange out = new DefaultExchange(camel);
            out.getIn().setBody(sent);
            byte[] value = steps.toShareRecord(out);
            assertThat(out.getIn().getHeader(KafkaConstants.KEY)).isEqualTo("urlhaus/inbox/urlhaus/recent.csv#7");

            // the consumer sees the headers as bytes
            Exchange in = record(camel, value, Map.of(KafkaBatches.SHARE_SOURCE, "urlhaus", KafkaBatches.SHARE_ORIGIN, "inbox/urlhaus/recent.csv",
                    KafkaBatches.SHARE_SEQUENCE, "7", KafkaBatches.SHARE_RECORDS, "1200"));
            Batch received = steps.fromShareRecord(in, 1 << 20);
            assertThat(received.source()).isEqualTo("urlhaus");
            assertThat(received.bundleName()).isEqualTo(sent.bundleName());
            assertThat(received.recordsRead()).isEqualTo(1200);
            assertThat(received.rejects()).isEmpty();
            assertThat(received.objects()).extracting(o -> new String(o.json(), StandardCharsets.UTF_8))
                    .containsExactlyElementsOf(sent.objects().stream().map(o -> new String(o.json(), StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    void aRecordThatIsNotAWholeShareRecordIsRejectedWithItsPlaceAndReason() throws Exception {
        Map<String, String> headers = Map.of(KafkaBatches.SHARE_SOURCE, "urlhaus", KafkaBatches.SHARE_ORIGIN, "in.csv",
                KafkaBatches.SHARE_SEQUENCE, "1", KafkaBatches.SHARE_RECORDS, "1");
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--6b6d1a4c-5a4e-4d8e-9a43-0d1f3c1f7c11\",\"objects\":[" + new String(KafkaTestData.indicator().json(), StandardCharsets.UTF_8) + "]}";
        try (CamelContext camel = new DefaultCamelContext()) {
            assertRejected(camel, bundle, Map.of(KafkaBatches.SHARE_SOURCE, "urlhaus"), 1 << 20, "not a share record");
            assertRejected(camel, bundle, Map.of(KafkaBatches.SHARE_SOURCE, "../etc", KafkaBatches.SHARE_ORIGIN, "in.csv",
                    KafkaBatches.SHARE_SEQUENCE, "1", KafkaBatches.SHARE_RECORDS, "1"), 1 << 20, "invalid ctiflow-source");
            assertRejected(camel, bundle.substring(0, bundle.length() - 3), headers, 1 << 20, "kafka-share/2@41");
            assertRejected(camel, bundle + "{}", headers, 1 << 20, "kafka-share/2@41");
            assertRejected(camel, bundle, headers, 100, "more than ctiflow.share.max-record-bytes (100)");
        }
    }

    private void assertRejected(CamelContext camel, String value, Map<String, String> headers, long maxBytes, String reason) {
        Batch b = steps.fromShareRecord(record(camel, value.getBytes(StandardCharsets.UTF_8), headers), maxBytes);
        assertThat(b.objects()).as(reason).isEmpty();
        assertThat(b.rejects()).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains(reason);
            assertThat(r.line()).isEqualTo(41);
        });
    }

    private static Exchange record(CamelContext camel, byte[] value, Map<String, String> headers) {
        Exchange e = new DefaultExchange(camel);
        e.getIn().setBody(value);
        e.getIn().setHeader(KafkaConstants.TOPIC, "kafka-share");
        e.getIn().setHeader(KafkaConstants.PARTITION, 2);
        e.getIn().setHeader(KafkaConstants.OFFSET, 41L);
        headers.forEach((k, v) -> e.getIn().setHeader(k, v.getBytes(StandardCharsets.UTF_8)));
        return e;
    }
}

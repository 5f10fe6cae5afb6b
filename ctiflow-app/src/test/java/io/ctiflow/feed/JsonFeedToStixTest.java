package io.ctiflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.StixAssertions;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON feeds through the same mapping engine: the real ThreatFox API answer, streamed record by record. */
class JsonFeedToStixTest {

    private static final Path THREATFOX = Path.of("ctiflow-app/src/test/resources/data/json/threatfox-api-get_iocs-1day-2022-01-02.json");

    @Test
    void threatFoxIocsBecomeValidStix() throws IOException {
        FeedTestSupport.Result result = FeedTestSupport.convert("threatfox", THREATFOX, 100);
        assertThat(result.records()).isEqualTo(187);
        assertThat(result.rejects()).isEmpty();
        assertThat(result.objects("indicator")).hasSizeBetween(180, 187);
        result.bundles().forEach(b -> StixAssertions.assertValidBundle(b, "threatfox"));

        assertThat(result.objects("indicator")).extracting(i -> i.path("pattern").asText())
                .contains("[file:hashes.'SHA-256' = '6f8a836d10eada55bb1d3901ceb5b97711afc9f7018e3bd0f0a8e77521f18e5b']")
                .anySatisfy(p -> assertThat(p).startsWith("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '")
                        .contains("AND network-traffic:dst_port = "))
                .anySatisfy(p -> assertThat(p).startsWith("[url:value = 'http"))
                .anySatisfy(p -> assertThat(p).startsWith("[domain-name:value = '"));
        JsonNode first = result.objects("indicator").get(0);
        assertThat(first.path("confidence").asInt()).isEqualTo(50);
        assertThat(first.path("created").asText()).isEqualTo("2022-01-02T01:44:00.000Z");
        assertThat(result.objects("malware")).extracting(m -> m.path("name").asText()).contains("CloudEyE").doesNotContain("", "Unknown malware");
    }

    @Test
    void ndjsonLinesThatAreNotJsonAreRejectedAndTheRestGoesOn() throws IOException {
        String ndjson = """
                {"ioc": "192.0.2.1", "kind": "ipv4"}
                {"ioc": "192.0.2.2", "kind": "ipv4"
                {"ioc": "203.0.113.7", "kind": "ipv4"}
                """;
        var doc = new ObjectMapper(new YAMLFactory()).readTree("""
                mapping: lines
                version: 1
                format: json
                json: {ndjson: true}
                fields:
                  observable.value: {from: ioc}
                  observable.kind: {from: kind}
                """);
        var mapping = FeedTestSupport.MAPPINGS.loader().compile(doc, "inline");
        try (FeedConverter c = new FeedConverter(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), "lines.ndjson",
                mapping, FeedTestSupport.MAPPINGS.toStix(), 100)) {
            Batch batch = c.next();
            assertThat(batch.recordsRead()).isEqualTo(3);
            assertThat(batch.rejects()).extracting(Reject::line, Reject::reason).containsExactly(Tuple.tuple(2L, "not valid JSON"));
            assertThat(batch.objects()).filteredOn(o -> "indicator".equals(o.type())).hasSize(2);
        }
    }

    @Test
    void aMissingRecordsPathIsAClearError() {
        byte[] json = "{\"query_status\": \"no_result\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FeedTestSupport.convert("threatfox", new ByteArrayInputStream(json), "empty.json", 10))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("empty.json: no 'data' in the document");
    }
}

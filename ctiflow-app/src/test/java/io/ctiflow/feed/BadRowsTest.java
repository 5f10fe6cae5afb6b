package io.ctiflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.StixAssertions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Malformed rows are set aside with source, line and reason; the rest of the feed goes through. */
class BadRowsTest {

    @Test
    void badUrlhausRowsAreRejectedWithLineAndReason() throws IOException {
        FeedTestSupport.Result result = FeedTestSupport.convert("urlhaus", Path.of("ctiflow-app/src/test/resources/data/csv/urlhaus-recent-test-rows.csv"), 1000);
        assertThat(result.records()).isEqualTo(10);
        assertThat(result.rejects()).extracting(Reject::source, Reject::origin, Reject::line)
                .containsExactly(tuple("urlhaus", "urlhaus-recent-test-rows.csv", 14L), tuple("urlhaus", "urlhaus-recent-test-rows.csv", 15L),
                        tuple("urlhaus", "urlhaus-recent-test-rows.csv", 16L), tuple("urlhaus", "urlhaus-recent-test-rows.csv", 17L));
        assertThat(result.rejects()).extracting(Reject::reason).containsExactly(
                "expected 9 columns, found 6",
                "unparseable date '23/11/2026 11:49' (expected yyyy-MM-dd HH:mm:ss)",
                "empty value for observable.value (column url)",
                "invalid url 'not a url'");
        assertThat(result.rejects().get(0).record()).contains("3400005");

        assertThat(result.objects("indicator")).hasSize(6);
        assertThat(result.objects("indicator")).extracting(i -> i.path("pattern").asText()).contains(
                "[url:value = 'http://cdn-update.example.org/svchost.exe']",
                "[url:value = 'http://198.51.100.25/it\\'s']");
        JsonNode first = result.objects("indicator").get(0);
        assertThat(first.path("labels")).extracting(JsonNode::asText)
                .containsExactly("rsit:malicious-code=\"malware-distribution\"", "32-bit", "elf", "mips", "mozi");
        assertThat(first.path("external_references").get(0).path("url").asText()).isEqualTo("https://urlhaus.abuse.ch/url/3400001/");
        assertThat(first.path("external_references").get(0).path("external_id").asText()).isEqualTo("3400001");
        result.bundles().forEach(b -> StixAssertions.assertValidBundle(b, "urlhaus test rows"));
    }

    @Test
    void splitCellsGiveOneIndicatorPerValueAndBadValuesRejectTheRow() throws IOException {
        String csv = """
                # ip_list,family
                "198.51.100.1|198.51.100.2",Gozi
                "198.51.100.3|198.51.100.999",Gozi
                """;
        var loader = FeedTestSupport.MAPPINGS.loader();
        var doc = new ObjectMapper(new YAMLFactory()).readTree("""
                mapping: multi
                version: 1
                format: csv
                csv: {comment: "#", columns: [ip_list, family]}
                defaults: {classification: c2-server}
                fields:
                  observable.value: {from: ip_list, transforms: [{split: "|"}]}
                  observable.kind: {constant: ipv4}
                  malware.family: {from: family}
                """);
        var mapping = loader.compile(doc, "inline");
        long indicators = 0;
        try (FeedConverter c = new FeedConverter(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "inline.csv",
                mapping, FeedTestSupport.MAPPINGS.toStix(), 100)) {
            Batch batch = c.next();
            indicators = batch.objects().stream().filter(o -> "indicator".equals(o.type())).count();
            assertThat(batch.rejects()).extracting(Reject::line, Reject::reason).containsExactly(tuple(3L, "invalid ipv4 '198.51.100.999'"));
        }
        assertThat(indicators).isEqualTo(2);
    }

    @Test
    void aChangedHeaderStopsTheFeedWithAClearError() {
        String csv = "\"first_seen_utc\",\"ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\n";
        assertThatThrownBy(() -> FeedTestSupport.convert("feodotracker", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "feodo.csv", 10))
                .isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("feodo.csv: header column 2 is 'ip' but the mapping expects 'dst_ip'");
    }

    @Test
    void anEmptyFeedIsNotAnError() throws IOException {
        FeedTestSupport.Result result = FeedTestSupport.convert("sslbl", new ByteArrayInputStream("# nothing today\n".getBytes(StandardCharsets.UTF_8)), "empty.csv", 10);
        assertThat(result.records()).isZero();
        assertThat(result.bundles()).isEmpty();
    }
}

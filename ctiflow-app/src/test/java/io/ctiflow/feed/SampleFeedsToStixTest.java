package io.ctiflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real sample feeds, converted end to end, with counts and content asserted and every bundle validated. */
class SampleFeedsToStixTest {

    private static final Path DATA = Path.of("ctiflow-app/src/test/resources/data/csv");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "feodotracker, abusech-feodotracker-ipblocklist.csv, 28, 28",
            "sslbl, abusech-sslbl-ipblacklist-2015.csv, 83, 83",
            "urlhaus-country, abusech-urlhaus-country-jp.csv, 300, 300",
            "urlhaus-country, abusech-urlhaus-tld-ch-2019.csv, 2, 2",
            "cert-eu, cert-eu-feed-example.csv, 2, 2",
            "shadowserver-sinkhole-http, shadowserver-event4-sinkhole-http.csv, 5, 5",
    })
    void realFeedsBecomeValidStix(String feed, String file, long records, int indicators) throws IOException {
        FeedTestSupport.Result result = FeedTestSupport.convert(feed, DATA.resolve(file), 100);
        assertThat(result.records()).isEqualTo(records);
        assertThat(result.rejects()).isEmpty();
        // URLs repeat in real feeds: the indicator count is the distinct values, within each bundle
        assertThat(result.objects("indicator")).hasSizeLessThanOrEqualTo(indicators).hasSizeGreaterThan(indicators * 9 / 10);
        for (JsonNode bundle : result.bundles()) {
            StixAssertions.assertValidBundle(bundle, feed + " " + file);
        }
    }

    @Test
    void feodoIndicatorsCarryPortMalwareTlpAndProvenance() throws IOException {
        FeedTestSupport.Result result = FeedTestSupport.convert("feodotracker", DATA.resolve("abusech-feodotracker-ipblocklist.csv"), 1000);
        JsonNode first = result.objects("indicator").get(0);
        assertThat(first.path("pattern").asText()).isEqualTo(
                "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '192.9.135.73' AND network-traffic:dst_port = 1194]");
        assertThat(first.path("created").asText()).isEqualTo("2023-05-23T17:51:44.000Z");
        assertThat(first.path("modified").asText()).isEqualTo("2024-04-01T00:00:00.000Z");
        assertThat(first.path("valid_from").asText()).isEqualTo("2023-05-23T17:51:44.000Z");
        assertThat(first.path("indicator_types").get(0).asText()).isEqualTo("malicious-activity");
        assertThat(first.path("labels").get(0).asText()).isEqualTo("rsit:malicious-code=\"c2-server\"");
        assertThat(first.path("confidence").asInt()).isEqualTo(90);
        assertThat(first.path("object_marking_refs").get(0).asText()).isEqualTo(Tlp.CLEAR.markingId());
        JsonNode provenance = first.path("extensions").elements().next();
        assertThat(provenance.path("source").asText()).isEqualTo("feodotracker");
        assertThat(provenance.path("origin_jurisdiction").asText()).isEqualTo("CH");
        assertThat(provenance.path("classification").path("type").asText()).isEqualTo("c2-server");

        List<JsonNode> malware = result.objects("malware");
        assertThat(malware).extracting(m -> m.path("name").asText()).containsExactly("Pikabot");
        assertThat(result.objects("relationship")).hasSize(28)
                .allSatisfy(r -> assertThat(r.path("target_ref").asText()).isEqualTo(malware.get(0).path("id").asText()));
        assertThat(result.objects("marking-definition")).extracting(m -> m.path("id").asText()).containsExactly(Tlp.CLEAR.markingId());
    }

    @Test
    void reIngestingTheSameFeedYieldsTheSameObjects() throws IOException {
        Path feodo = DATA.resolve("abusech-feodotracker-ipblocklist.csv");
        FeedTestSupport.Result first = FeedTestSupport.convert("feodotracker", feodo, 10);
        FeedTestSupport.Result second = FeedTestSupport.convert("feodotracker", feodo, 1000);
        assertThat(second.objects("indicator")).isEqualTo(first.objects("indicator"));
        assertThat(second.objects("relationship")).isEqualTo(first.objects("relationship"));
        // a feed without timestamps (SSLBL) dates its objects at ingest time, but ids never change
        Path sslbl = DATA.resolve("abusech-sslbl-ipblacklist-2015.csv");
        assertThat(FeedTestSupport.ids(FeedTestSupport.convert("sslbl", sslbl, 7).objects("indicator")))
                .isEqualTo(FeedTestSupport.ids(FeedTestSupport.convert("sslbl", sslbl, 500).objects("indicator")));
    }

    @Test
    void provenanceFollowsTheExtensionsOwnSchema() throws IOException {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        var schema = factory.getSchema(Files.newInputStream(Path.of("mappings/schema/ctiflow-extension.schema.json")));
        for (String[] feed : new String[][] {{"feodotracker", "abusech-feodotracker-ipblocklist.csv"}, {"cert-eu", "cert-eu-feed-example.csv"}}) {
            FeedTestSupport.Result result = FeedTestSupport.convert(feed[0], DATA.resolve(feed[1]), 100);
            for (JsonNode indicator : result.objects("indicator")) {
                JsonNode body = indicator.path("extensions").path(CtiflowExtension.ID);
                assertThat(schema.validate(body)).as(indicator.path("id").asText()).isEmpty();
            }
        }
    }

    @Test
    void victimAddressesAreFlaggedAsPersonalDataWithTheirJurisdiction() throws IOException {
        FeedTestSupport.Result result = FeedTestSupport.convert("shadowserver-sinkhole-http", DATA.resolve("shadowserver-event4-sinkhole-http.csv"), 100);
        assertThat(result.objects("indicator")).hasSize(5).allSatisfy(i -> {
            JsonNode provenance = i.path("extensions").path(CtiflowExtension.ID);
            assertThat(provenance.path("personal_data")).extracting(JsonNode::asText).containsExactly("ip-address");
            assertThat(i.path("indicator_types").get(0).asText()).isEqualTo("compromised");
            assertThat(i.path("object_marking_refs").get(0).asText()).isEqualTo(Tlp.AMBER.markingId());
        });
        assertThat(result.objects("indicator")).extracting(i -> i.path("extensions").path(CtiflowExtension.ID)
                .path("origin_jurisdiction").asText()).containsExactly("PH", "RO", "PH", "VE", "MX");
        // the URLhaus feed carries no personal data: the property is absent, not empty
        FeedTestSupport.Result urlhaus = FeedTestSupport.convert("urlhaus-country", DATA.resolve("abusech-urlhaus-tld-ch-2019.csv"), 100);
        assertThat(urlhaus.objects("indicator")).allSatisfy(i ->
                assertThat(i.path("extensions").path(CtiflowExtension.ID).has("personal_data")).isFalse());
    }

    @Test
    void perRowTlpColumnsWin() throws IOException {
        FeedTestSupport.Result result = FeedTestSupport.convert("cert-eu", DATA.resolve("cert-eu-feed-example.csv"), 100);
        assertThat(result.objects("indicator")).extracting(i -> i.path("object_marking_refs").get(0).asText())
                .containsExactly(Tlp.AMBER.markingId(), Tlp.GREEN.markingId());
        assertThat(result.objects("indicator")).extracting(i -> i.path("labels").get(0).asText())
                .containsExactly("rsit:malicious-code=\"malware-distribution\"", "rsit:fraud=\"phishing\"");
        assertThat(result.objects("indicator")).extracting(i -> i.path("confidence").asInt()).containsExactly(51, 50);
    }

    @Test
    void smallBatchesMakeSelfContainedBundles() throws IOException {
        FeedTestSupport.Result result = FeedTestSupport.convert("urlhaus-country", DATA.resolve("abusech-urlhaus-country-jp.csv"), 50);
        assertThat(result.bundles()).hasSize(6);
        for (JsonNode bundle : result.bundles()) {
            StixAssertions.assertValidBundle(bundle, "batch");
        }
    }
}

package io.ctiflow.connectors.otx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.FeedFormatException;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.JsonRecord;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.mapping.TaxonomyRecord;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector folder's samples through the otx-pulses mapping (nested records: pulse.indicators[]
 * with the pulse as $parent) to valid STIX, with the counts connector-test.yaml states, and the
 * otxBatches bean on one pulse exchange.
 */
class OtxPulsesMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FeedMapping MAPPING = OtxSamples.MAPPINGS.feed("otx-pulses");

    record Converted(long records, List<StixObject> objects, List<Reject> rejects) {
        List<JsonNode> stix(String type) throws IOException {
            List<JsonNode> out = new ArrayList<>();
            bundle().path("objects").forEach(o -> {
                if (type.equals(o.path("type").asText())) {
                    out.add(o);
                }
            });
            return out;
        }

        JsonNode bundle() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (BundleWriter writer = new BundleWriter(bytes, false)) {
                for (StixObject o : objects) {
                    writer.writeOnce(o);
                }
            }
            return Stix.mapper().readTree(bytes.toByteArray());
        }
    }

    private static Converted convert(String sampleCase) throws IOException {
        long records = 0;
        List<StixObject> objects = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        try (FeedConverter c = new FeedConverter(new ByteArrayInputStream(OtxSamples.bytes(sampleCase)), sampleCase + ".input.json",
                MAPPING, OtxSamples.MAPPINGS.toStix(), 1000)) {
            while (c.hasNext()) {
                Batch b = c.next();
                records += b.recordsRead();
                objects.addAll(b.objects());
                rejects.addAll(b.rejects());
            }
        }
        return new Converted(records, objects, rejects);
    }

    @Test
    void theRealPulsesBecomeValidStixWithPulseContext() throws IOException {
        Converted c = convert("subscribed-pulses");
        JsonNode expected = connectorTest("subscribed-pulses");
        assertThat(c.records()).as("indicators in the 5 pulses").isEqualTo(95).isEqualTo(expected.path("records").asLong());
        assertThat(c.rejects()).extracting(Reject::reason)
                .containsExactlyInAnyOrder("value 'CVE' is not in lookup 'otx_types'", "invalid url '/woolen/'");
        assertThat(c.rejects()).hasSize(expected.path("rejects").asInt());
        assertThat(c.objects()).hasSize(expected.path("objects").asInt());
        StixAssertions.assertValidBundle(c.bundle(), "otx subscribed-pulses sample");

        List<JsonNode> indicators = c.stix("indicator");
        assertThat(indicators).as("93 mapped indicators, one value listed in two pulses").hasSize(92);
        assertThat(indicators).extracting(i -> i.path("pattern").asText())
                .contains("[ipv4-addr:value = '134.119.36.135']", "[domain-name:value = 'www.whitewall.top']",
                        "[file:hashes.'SHA-256' = 'e5df30b41b0c50594c2b77c1d5d6916a9ce925f792c563f692426c2d50aa2524']")
                .anySatisfy(p -> assertThat(p).startsWith("[email-addr:value = '"))
                .anySatisfy(p -> assertThat(p).startsWith("[file:hashes.MD5 = '"))
                .anySatisfy(p -> assertThat(p).startsWith("[file:hashes.'SHA-1' = '"))
                .anySatisfy(p -> assertThat(p).startsWith("[url:value = 'http://www.uecmyanmar.org/"));
        JsonNode sha256 = indicators.stream().filter(i -> i.path("pattern").asText().contains("e5df30b41b0c")).findFirst().orElseThrow();
        assertThat(sha256.path("description").asText()).isEqualTo("OTX pulse \"Android banking malware masquerades as Flash Player\" by AlienVault");
        assertThat(sha256.toString()).contains("https://otx.alienvault.com/pulse/581b9aef324bc542d6b1fd84", "android");
        // the pulse's TLP (green) and the default for pulses without one (green) give TLP:GREEN markings;
        // TA17-164A says white, which is TLP:CLEAR
        assertThat(indicators).allSatisfy(i -> assertThat(i.path("object_marking_refs")).isNotEmpty());
    }

    @Test
    void badValuesAreRejectedWithTheirReasonAndTheRestGoesOn() throws IOException {
        Converted c = convert("bad-values");
        JsonNode expected = connectorTest("bad-values");
        assertThat(c.records()).isEqualTo(4).isEqualTo(expected.path("records").asLong());
        assertThat(c.rejects()).extracting(Reject::reason).hasSize(3).hasSize(expected.path("rejects").asInt())
                .anySatisfy(r -> assertThat(r).contains("invalid ipv4"))
                .anySatisfy(r -> assertThat(r).contains("md5"))
                .anySatisfy(r -> assertThat(r).contains("invalid url '/woolen/'"));
        assertThat(c.stix("indicator")).extracting(i -> i.path("pattern").asText()).containsExactly("[url:value = 'http://107.6.172.54/woolen/']");
        assertThat(c.objects()).hasSize(expected.path("objects").asInt());
        StixAssertions.assertValidBundle(c.bundle(), "otx bad-values sample");
    }

    @Test
    void aTruncatedPageFailsAsAWhole() {
        assertThatThrownBy(() -> convert("truncated")).isInstanceOf(FeedFormatException.class).hasMessageContaining("invalid JSON")
                .hasMessageContaining("truncated.input.json");
        assertThat(connectorTest("truncated").path("fails").asText()).isEqualTo("invalid JSON");
    }

    @Test
    void expectedTaxonomyRecordsMatchTheSamples() throws IOException {
        for (String sampleCase : List.of("subscribed-pulses", "bad-values")) {
            Path file = OtxSamples.SAMPLES.resolve(sampleCase + ".expected.json");
            ArrayNode actual = taxonomyRecords(OtxSamples.page(sampleCase));
            if (Boolean.getBoolean("ctiflow.samples.update")) {
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            }
            assertThat(JSON.readTree(file.toFile())).as(file + " (update with -Dctiflow.samples.update=true)").isEqualTo(actual);
        }
    }

    /** The taxonomy records of a sample page, one object per record, fields as named in mappings/taxonomy/fields.yaml. */
    private static ArrayNode taxonomyRecords(JsonNode page) {
        ArrayNode out = JSON.createArrayNode();
        long line = 0;
        for (JsonNode pulse : page.get("results")) {
            line++;
            for (JsonRecord record : MAPPING.json().records(pulse, "sample", line)) {
                try {
                    for (TaxonomyRecord t : MAPPING.map(record)) {
                        ObjectNode o = out.addObject();
                        for (String field : OtxSamples.MAPPINGS.loader().taxonomy().fields()) {
                            Object v = t.get(field);
                            if (v instanceof List<?> list) {
                                if (!list.isEmpty()) {
                                    ArrayNode a = o.putArray(field);
                                    list.forEach(x -> a.add(String.valueOf(x)));
                                }
                            } else if (v != null) {
                                o.put(field, String.valueOf(v));
                            }
                        }
                        t.extra.forEach((k, v) -> o.put("extra." + k, v));
                    }
                } catch (RecordRejected e) {
                    // counted as rejects in connector-test.yaml; not a taxonomy record
                }
            }
        }
        return out;
    }

    @Test
    void theBeanTurnsOnePulseExchangeIntoOneBatch() throws Exception {
        OtxBatches bean = new OtxBatches(OtxSamples.MAPPINGS);
        JsonNode pulse = OtxSamples.pulses().get(2); // Flying Dragon Eye: 56 indicators, one CVE
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(pulse);
        exchange.getIn().setHeader(OtxConstants.FEED, "otx-subscribed");
        exchange.getIn().setHeader(OtxConstants.PULSE_ID, pulse.get("id").asText());
        exchange.getIn().setHeader(OtxConstants.PULSE_MODIFIED, pulse.get("modified").asText());
        Batch batch = bean.toBatch(exchange);
        assertThat(batch.source()).isEqualTo("otx-subscribed");
        assertThat(batch.bundleName()).isEqualTo("otx-subscribed-pulse-581916f4aa96ef71368c8e47-20161101222825492000-00001.json");
        assertThat(batch.recordsRead()).isEqualTo(56);
        assertThat(batch.rejects()).extracting(Reject::reason).containsExactly("value 'CVE' is not in lookup 'otx_types'");
        assertThat(batch.rejects().get(0).origin()).contains("581916f4aa96ef71368c8e47");
        Converted c = new Converted(batch.recordsRead(), batch.objects(), batch.rejects());
        assertThat(c.stix("indicator")).hasSize(55);
        StixAssertions.assertValidBundle(c.bundle(), "otx pulse via otxBatches");
    }

    @Test
    void parentPathsNeedANestedLayout() throws IOException {
        var doc = new ObjectMapper(new YAMLFactory()).readTree("""
                mapping: flat
                version: 1
                format: json
                json: {records: results}
                fields:
                  observable.value: {from: indicator}
                  tlp: {from: $parent.TLP}
                """);
        assertThatThrownBy(() -> OtxSamples.MAPPINGS.loader().compile(doc, "flat.yaml")).isInstanceOf(MappingException.class)
                .hasMessageContaining("flat.yaml").hasMessageContaining("set json.each");
    }

    @Test
    void aPulseWithoutIndicatorsGivesNoRecord() {
        ObjectNode pulse = JSON.createObjectNode().put("id", "x").put("name", "empty");
        pulse.putArray("indicators");
        assertThat(MAPPING.json().records(pulse, "t", 1)).isEmpty();
        assertThat(MAPPING.json().records(JSON.createObjectNode().put("id", "y"), "t", 1)).isEmpty();
    }

    private static JsonNode connectorTest(String sampleCase) {
        try {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(OtxSamples.FOLDER.resolve("connector-test.yaml").toFile());
            for (JsonNode s : doc.path("samples")) {
                if (sampleCase.equals(s.path("case").asText())) {
                    return s;
                }
            }
            throw new AssertionError("connector-test.yaml has no case " + sampleCase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

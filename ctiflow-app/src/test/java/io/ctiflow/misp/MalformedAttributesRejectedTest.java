package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.convert;
import static io.ctiflow.misp.MispTestSupport.patterns;
import static io.ctiflow.misp.MispTestSupport.sample;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** A malformed attribute becomes a reject naming event, attribute and reason; the rest of the event converts. */
class MalformedAttributesRejectedTest {

    @Test
    void realFreetextImportMistakesAreRejectedAndTheRestConverts() {
        // the ASERT event's freetext import typed a truncated IP, relative paths and a file name as "url"
        MispConversion c = convert("events/circl-osint-asert-four-element-sword-370-attributes.json");
        assertThat(c.rejects()).extracting(Reject::reason).containsExactlyInAnyOrder(
                "attribute 571620b0-5e38-4e8c-9c29-416d950d210f (url): invalid url '107.183.86' (no scheme and no host name)",
                "attribute 57163109-be58-4cc7-89c1-4446950d210f (url): invalid url 'igfxtray.exe' (no scheme and no host name)",
                "attribute 57163109-6304-413e-9884-4a42950d210f (url): invalid url 'Data/dtl.dat' (no scheme and no host name)",
                "attribute 57163109-1e04-4ef4-bf92-480b950d210f (url): invalid url 'Data/glp.uin' (no scheme and no host name)");
        assertThat(c.rejects()).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo("misp");
            assertThat(r.origin()).isEqualTo("event 57153590-f73c-49fa-be4b-4737950d210f");
            assertThat(Stix.mapper().readTree(r.record()).path("type").asText()).isEqualTo("url");
        });
        assertThat(c.attributes()).isEqualTo(370);
        // scheme-less URLs with a real host are kept, as MISP keeps them
        assertThat(patterns(c)).contains("[url:value = 'www.whitewall.top']");
        assertThat(patterns(c)).hasSizeGreaterThan(250);
        validBundle("ASERT event with rejects", c);
    }

    @Test
    void invalidIpWrongHashLengthAndBrokenCompositeAreRejected() {
        ObjectNode event = (ObjectNode) sample("events/circl-ransomware-xorist-small.json").get("Event").deepCopy();
        ArrayNode attributes = (ArrayNode) event.get("Attribute");
        attributes.add(attribute("bad-ip-0000", "ip-dst", "999.1.2.3"));
        attributes.add(attribute("bad-md5-000", "md5", "abc123"));
        attributes.add(attribute("bad-comp-00", "ip-dst|port", "10.0.0.1"));
        attributes.add(attribute("bad-port-00", "ip-dst|port", "10.0.0.1|99999"));
        MispConversion clean = convert("events/circl-ransomware-xorist-small.json");
        MispConversion c = CONVERTER.convert(event);

        assertThat(c.rejects()).extracting(Reject::reason).containsExactly(
                "attribute bad-ip-0000 (ip-dst): invalid ipv4 '999.1.2.3'",
                "attribute bad-md5-000 (md5): invalid md5 'abc123'",
                "attribute bad-comp-00 (ip-dst|port): expected 2 '|'-separated parts in '10.0.0.1'",
                "attribute bad-port-00 (ip-dst|port): invalid port '99999'");
        assertThat(c.objects().size()).isEqualTo(clean.objects().size());
        assertThat(patterns(c)).containsExactlyInAnyOrderElementsOf(patterns(clean));
        validBundle("Xorist with malformed attributes", c);
    }

    @Test
    void somethingThatIsNotAnEventIsOneRejectNotAnException() {
        List<MispConversion> out = CONVERTER.convertDocument(Stix.mapper().createArrayNode().add("not an event"));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).objects()).isEmpty();
        assertThat(out.get(0).rejects()).extracting(Reject::reason).containsExactly("event: not a MISP event (expected a JSON object)");
    }

    static ObjectNode attribute(String uuid, String type, String value) {
        ObjectNode a = Stix.mapper().createObjectNode();
        a.put("uuid", uuid);
        a.put("type", type);
        a.put("category", "Network activity");
        a.put("to_ids", true);
        a.put("value", value);
        a.put("timestamp", "1472453540");
        return a;
    }
}

package io.ctiflow.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StixIdsTest {

    private static ObjectNode sco(String type) {
        ObjectNode o = Stix.mapper().createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        return o;
    }

    /** Expected ids computed independently with Python's uuid.uuid5 over the JCS text, as python-stix2 does. */
    @Test
    void observableIdsAreTheSpecsUuidV5OverCanonicalContributingProperties() {
        ObjectNode ip = sco("ipv4-addr");
        ip.put("value", "198.51.100.3");
        assertThat(StixIds.observableId(ip)).isEqualTo("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");

        ObjectNode domain = sco("domain-name");
        domain.put("value", "example.com");
        domain.putArray("resolves_to_refs").add("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4"); // not id-contributing
        assertThat(StixIds.observableId(domain)).isEqualTo("domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7");

        ObjectNode url = sco("url");
        url.put("value", "https://example.com/research/index.html");
        assertThat(StixIds.observableId(url)).isEqualTo("url--47c3cf9a-5027-5bf0-997a-017c7edc7c55");
    }

    @Test
    void fileIdsUseOnePreferredHash() {
        ObjectNode file = sco("file");
        file.putObject("hashes").put("SHA-256", "aa".repeat(32)).put("MD5", "744c07e886497f7b68f6f7fe57b7ab54");
        assertThat(StixIds.observableId(file)).isEqualTo("file--4eee2279-b96a-553e-a61c-de09b7ea2928");
    }

    @Test
    void indicatorIdsAreDeterministicPerSourceKindAndValue() {
        String a = StixIds.indicatorId("urlhaus", "url", "http://a.example/x");
        assertThat(StixIds.indicatorId("urlhaus", "url", "http://a.example/x")).isEqualTo(a);
        assertThat(StixIds.indicatorId("feodotracker", "url", "http://a.example/x")).isNotEqualTo(a);
        assertThat(StixIds.indicatorId("urlhaus", "url", "http://a.example/y")).isNotEqualTo(a);
        assertThat(a).matches("indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void namedObjectIdsIgnoreCase() {
        assertThat(StixIds.namedObjectId("malware", "Pikabot")).isEqualTo(StixIds.namedObjectId("malware", " pikabot "));
    }
}

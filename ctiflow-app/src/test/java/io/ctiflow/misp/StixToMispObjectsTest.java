package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.ctiflow.misp.StixToMispConversionTest.OPTIONS;
import static io.ctiflow.misp.StixToMispConversionTest.TO_MISP;
import static io.ctiflow.misp.StixToMispConversionTest.attributes;
import static io.ctiflow.misp.StixToMispConversionTest.indicator;
import static io.ctiflow.misp.StixToMispConversionTest.object;
import static io.ctiflow.misp.StixToMispConversionTest.tags;
import static org.assertj.core.api.Assertions.assertThat;

/** STIX observables and patterns with several values of one object become MISP objects as MISP's templates define them. */
class StixToMispObjectsTest {

    static final String GREEN = Tlp.GREEN.markingId();

    static List<JsonNode> objects(StixToMisp.Result r) {
        List<JsonNode> out = new ArrayList<>();
        r.event().path("Event").path("Object").forEach(out::add);
        return out;
    }

    static List<JsonNode> named(StixToMisp.Result r, String name) {
        return objects(r).stream().filter(o -> o.path("name").asText().equals(name)).toList();
    }

    /** "relation=value" of each attribute of an object, sorted. */
    static List<String> relations(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.path("Attribute").forEach(a -> out.add(a.path("object_relation").asText() + "=" + a.path("value").asText()));
        return out.stream().sorted().toList();
    }

    /** "relation:type=value" of each attribute of an object, sorted. */
    static List<String> typedRelations(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.path("Attribute").forEach(a -> out.add(a.path("object_relation").asText() + ":" + a.path("type").asText() + "="
                + a.path("value").asText()));
        return out.stream().sorted().toList();
    }

    /** An SCO of a type, numbered n, with further properties (JSON members). */
    static StixObject sco(String type, int n, String properties) {
        return object("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + type + "--00000000-0000-4000-8000-"
                + String.format("%012x", n) + "\"," + properties + "}");
    }

    static StixObject observed(String id, String... refs) {
        String list = Arrays.stream(refs).map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        return object("{\"type\":\"observed-data\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"first_observed\":\"2024-01-01T00:00:00Z\",\"last_observed\":\"2024-01-01T00:00:00Z\","
                + "\"number_observed\":1,\"object_refs\":[" + list + "],\"object_marking_refs\":[\"" + GREEN + "\"]}");
    }

    @Test
    void aPeFileBecomesFileObjectIncludingItsPeAndOneObjectPerSection() {
        StixObject file = object("""
                {"type":"file","spec_version":"2.1","id":"file--00000000-0000-4000-8000-000000000001","name":"putty.exe",
                 "hashes":{"MD5":"b2a5abfeef9e36964281a31e17b57c97","SHA-256":"%s"},"size":4096,
                 "extensions":{"windows-pebinary-ext":{"pe_type":"dll","imphash":"23ea835ab4b9017c74dfb023d2301c99","number_of_sections":2,
                   "sections":[{"name":".text","size":2048,"hashes":{"MD5":"8a2a5fc2ce56b3b04d58539a95390600"}},
                               {"name":".rsrc","hashes":{"MD5":"0aeb9def096e9f73e9460afe6f8783a3"}}]}}}""".formatted("a".repeat(64)));
        StixToMisp.Result r = TO_MISP.convert("manual", "unit", List.of(observed("observed-data--00000000-0000-4000-8000-000000000010",
                file.id()), file), OPTIONS);

        assertThat(attributes(r)).isEmpty();
        JsonNode fileObject = named(r, "file").get(0);
        assertThat(fileObject.path("meta-category").asText()).isEqualTo("file");
        assertThat(fileObject.path("template_uuid").asText()).isEqualTo("688c46fb-5edb-40a3-8273-1af7923e2215");
        assertThat(fileObject.path("template_version").asText()).matches("\\d+");
        assertThat(relations(fileObject)).containsExactlyInAnyOrder("filename=putty.exe", "md5=b2a5abfeef9e36964281a31e17b57c97",
                "sha256=" + "a".repeat(64), "size-in-bytes=4096");
        JsonNode pe = named(r, "pe").get(0);
        assertThat(relations(pe)).containsExactlyInAnyOrder("imphash=23ea835ab4b9017c74dfb023d2301c99", "number-sections=2", "type=dll");
        assertThat(named(r, "pe-section")).extracting(StixToMispObjectsTest::relations).containsExactlyInAnyOrder(
                List.of("md5=8a2a5fc2ce56b3b04d58539a95390600", "name=.text", "size-in-bytes=2048"),
                List.of("md5=0aeb9def096e9f73e9460afe6f8783a3", "name=.rsrc"));
        // file includes pe, pe includes its sections: MISP shows them as one tree
        assertThat(fileObject.path("ObjectReference")).singleElement().satisfies(ref -> {
            assertThat(ref.path("referenced_uuid").asText()).isEqualTo(pe.path("uuid").asText());
            assertThat(ref.path("relationship_type").asText()).isEqualTo("includes");
        });
        assertThat(pe.path("ObjectReference")).extracting(ref -> ref.path("referenced_uuid").asText())
                .containsExactlyInAnyOrderElementsOf(named(r, "pe-section").stream().map(s -> s.path("uuid").asText()).toList());
        // observations are not for detection; the TLP of the observation tags every attribute, and the event
        assertThat(fileObject.path("Attribute")).allSatisfy(a -> {
            assertThat(a.path("to_ids").asBoolean()).isFalse();
            assertThat(a.path("type").asText()).isNotBlank();
            assertThat(tags(a)).containsExactly("tlp:green");
        });
        assertThat(tags(r.event().path("Event"))).containsExactly("tlp:green");
        assertThat(r.objects()).isEqualTo(4);
        assertThat(r.attributes()).isEqualTo(4 + 3 + 3 + 2);
    }

    @Test
    void aDomainResolvingToTwoAddressesIsOneDomainIpObject() {
        StixObject ip1 = sco("ipv4-addr", 2, """
                "value": "198.51.100.7\"""");
        StixObject ip2 = sco("ipv4-addr", 3, """
                "value": "198.51.100.8\"""");
        StixObject domain = sco("domain-name", 4, """
                "value": "evil.example.com", "resolves_to_refs": ["%s", "%s"]""".formatted(ip1.id(), ip2.id()));
        StixToMisp.Result r = TO_MISP.convert("manual", "unit", List.of(
                observed("observed-data--00000000-0000-4000-8000-000000000011", domain.id(), ip1.id(), ip2.id()), domain, ip1, ip2), OPTIONS);

        assertThat(attributes(r)).as("the addresses are in the object, not beside it").isEmpty();
        JsonNode domainIp = named(r, "domain-ip").get(0);
        assertThat(domainIp.path("meta-category").asText()).isEqualTo("network");
        assertThat(typedRelations(domainIp))
                .containsExactlyInAnyOrder("domain:domain=evil.example.com", "ip:ip-dst=198.51.100.7", "ip:ip-dst=198.51.100.8");
    }

    @Test
    void aPatternOnSeveralPropertiesOfOneConnectionIsAnIpPortObjectForDetection() {
        StixToMisp.Result r = TO_MISP.convert("manual", "unit", List.of(indicator("indicator--00000000-0000-4000-8000-000000000020",
                "[network-traffic:dst_ref.value = '203.0.113.5' AND network-traffic:dst_port = 8443 AND network-traffic:src_port = 51515]",
                GREEN, null)), OPTIONS);

        assertThat(r.unmapped()).isEmpty();
        JsonNode ipPort = named(r, "ip-port").get(0);
        assertThat(relations(ipPort)).containsExactlyInAnyOrder("ip-dst=203.0.113.5", "dst-port=8443", "src-port=51515");
        assertThat(ipPort.path("Attribute")).allSatisfy(a -> assertThat(a.path("to_ids").asBoolean()).isTrue());
    }

    @Test
    void anEmailWithAnAttachmentIsAnEmailObject() {
        StixObject from = sco("email-addr", 5, """
                "value": "ceo@example.org", "display_name": "The CEO\"""");
        StixObject to = sco("email-addr", 6, """
                "value": "finance@example.org\"""");
        StixObject attachment = sco("file", 7, """
                "name": "invoice.pdf.exe\"""");
        StixObject mail = sco("email-message", 8, """
                "is_multipart": true, "from_ref": "%s", "to_refs": ["%s"], "subject": "Urgent invoice",
                "body_multipart": [{"body_raw_ref": "%s"}]""".formatted(from.id(), to.id(), attachment.id()));
        StixToMisp.Result r = TO_MISP.convert("manual", "unit", List.of(observed("observed-data--00000000-0000-4000-8000-000000000012",
                mail.id(), from.id(), to.id(), attachment.id()), mail, from, to, attachment), OPTIONS);

        assertThat(attributes(r)).isEmpty();
        JsonNode email = named(r, "email").get(0);
        assertThat(typedRelations(email)).containsExactlyInAnyOrder("from:email-src=ceo@example.org",
                "from-display-name:email-src-display-name=The CEO", "to:email-dst=finance@example.org",
                "subject:email-subject=Urgent invoice", "attachment:email-attachment=invoice.pdf.exe");
    }

    @Test
    void certificatesRegistryKeysAndPersonsBecomeTheirObjects() {
        StixObject cert = sco("x509-certificate", 9, """
                "issuer": "C=US, O=Let's Encrypt, CN=R3", "serial_number": "03:7d:1a",
                "hashes": {"SHA-1": "46aba99aa7158e4609aaa72b50990842fd22ae86"}""");
        StixObject key = sco("windows-registry-key", 10, """
                "key": "HKEY_LOCAL_MACHINE\\\\Software\\\\Run", "values": [{"name": "updater", "data": "C:\\\\u.exe", "data_type": "REG_SZ"}]""");
        StixObject person = sco("identity", 11, """
                "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z", "name": "Jane Doe",
                "identity_class": "individual", "contact_information": "jane.doe@example.org\"""");
        StixToMisp.Result r = TO_MISP.convert("manual", "unit", List.of(cert, key, person), OPTIONS);

        assertThat(relations(named(r, "x509").get(0))).containsExactlyInAnyOrder("issuer=C=US, O=Let's Encrypt, CN=R3",
                "serial-number=03:7d:1a", "x509-fingerprint-sha1=46aba99aa7158e4609aaa72b50990842fd22ae86");
        assertThat(relations(named(r, "registry-key").get(0))).containsExactlyInAnyOrder("key=HKEY_LOCAL_MACHINE\\Software\\Run",
                "name=updater", "data=C:\\u.exe", "data-type=REG_SZ");
        assertThat(relations(named(r, "person").get(0))).containsExactlyInAnyOrder("full-name=Jane Doe", "e-mail=jane.doe@example.org");
        assertThat(r.unmapped()).isEmpty();
    }

    @Test
    void singleValueObservablesStayAttributes() {
        StixObject url = sco("url", 12, """
                "value": "http://evil.example.com/a\"""");
        StixObject file = sco("file", 13, """
                "name": "a.exe", "hashes": {"MD5": "b2a5abfeef9e36964281a31e17b57c97"}""");
        StixToMisp.Result r = TO_MISP.convert("manual", "unit", List.of(url, file), OPTIONS);

        assertThat(objects(r)).isEmpty();
        assertThat(attributes(r)).extracting(a -> a.path("type").asText() + "=" + a.path("value").asText())
                .containsExactlyInAnyOrder("url=http://evil.example.com/a", "filename|md5=a.exe|b2a5abfeef9e36964281a31e17b57c97");
    }

    /**
     * What MISP's /events/add needs of the real samples converted there and back: known attribute types (MISP's
     * describeTypes, as to-ids-defaults.yaml lists them), objects with name, meta-category, template uuid and version,
     * relations of their template typed as it defines them, references to objects of the same event.
     */
    @Test
    void theRealSamplesComeBackAsEventsMispAccepts() throws Exception {
        MispMappings mappings = new MispMappings(Path.of("mappings/misp"));
        MispObjectDefinitions definitions = new MispObjectDefinitions(Path.of("mappings/misp"));
        int objects = 0;
        for (Path file : MispStixReferenceShareTest.realSamples()) {
            MispConversion stix = MispTestSupport.convert(MispTestSupport.DATA.relativize(file).toString());
            JsonNode event = TO_MISP.convert("circl", "event", stix.objects(), OPTIONS).event().path("Event");
            Set<String> uuids = new HashSet<>();
            event.path("Object").forEach(o -> uuids.add(o.path("uuid").asText()));
            event.path("Attribute").forEach(a -> assertThat(mappings.toIdsDefaults).as("%s: %s", file, a).containsKey(a.path("type").asText()));
            for (JsonNode o : event.path("Object")) {
                objects++;
                MispObjectDefinitions.Definition d = definitions.get(o.path("name").asText());
                assertThat(d).as("%s: template of %s", file, o.path("name")).isNotNull();
                assertThat(o.path("meta-category").asText()).isEqualTo(d.metaCategory());
                assertThat(o.path("template_uuid").asText()).isEqualTo(d.uuid());
                assertThat(o.path("template_version").asText()).isEqualTo(Integer.toString(d.version()));
                assertThat(o.path("Attribute")).isNotEmpty().allSatisfy(a -> {
                    assertThat(d.types()).as("%s: relation of %s", file, o.path("name"))
                            .containsEntry(a.path("object_relation").asText(), a.path("type").asText());
                    assertThat(mappings.toIdsDefaults).containsKey(a.path("type").asText());
                    assertThat(a.path("value").asText()).isNotBlank();
                });
                o.path("ObjectReference").forEach(ref -> assertThat(uuids).contains(ref.path("referenced_uuid").asText()));
            }
        }
        // as many as the samples have, but for the skipped virustotal-report and original-imported-file: 8 file (jrat),
        // 12 domain-ip and 37 file (sednit), 1 file (pubg), 6 file, 2 pe and 8 pe-section (samsam)
        assertThat(objects).isEqualTo(74);
    }

    @Test
    void objectUuidsAreTheSameEachTime() {
        MispConversion stix = MispTestSupport.convert("events/circl-us-cert-samsam-mar-objects-only.json");
        StixToMisp.Result a = TO_MISP.convert("circl", "event", stix.objects(), OPTIONS);
        StixToMisp.Result b = TO_MISP.convert("circl", "event", stix.objects(), OPTIONS);
        assertThat(b.event()).isEqualTo(a.event());
        assertThat(objects(a)).extracting(o -> o.path("uuid").asText()).doesNotHaveDuplicates();
        assertThat(named(a, "pe-section")).hasSize(8);
    }
}

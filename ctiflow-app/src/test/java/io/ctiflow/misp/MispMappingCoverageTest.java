package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping files cover every type in the real samples and every attribute type misp-stix maps to STIX 2.1. */
class MispMappingCoverageTest {

    /** The attribute types misp-stix's MISP-to-STIX 2.1 converter maps to patterns/observables/SDOs (stix2_mapping.py, stix21_mapping.py). */
    static final List<String> MISP_STIX_TYPES = List.of("AS", "attachment", "campaign-name", "domain", "domain|ip", "email", "email-attachment",
            "email-body", "email-dst", "email-header", "email-message-id", "email-reply-to", "email-src", "email-subject", "email-x-mailer",
            "filename", "hostname", "hostname|port", "http-method", "mac-address", "malware-sample", "mutex", "port", "regkey", "regkey|value",
            "size-in-bytes", "user-agent", "vulnerability", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512/224", "sha512/256",
            "sha3-224", "sha3-256", "sha3-384", "sha3-512", "ssdeep", "tlsh", "filename|md5", "filename|sha1", "filename|sha224",
            "filename|sha256", "filename|sha384", "filename|sha512", "filename|sha512/224", "filename|sha512/256", "filename|sha3-224",
            "filename|sha3-256", "filename|sha3-384", "filename|sha3-512", "filename|ssdeep", "filename|tlsh", "ip-src", "ip-dst",
            "ip-src|port", "ip-dst|port", "uri", "url", "link", "x509-fingerprint-md5", "x509-fingerprint-sha1", "x509-fingerprint-sha256",
            "sigma", "snort", "yara");
    static final List<String> REQUIRED_TEMPLATES = List.of("file", "domain-ip", "ip-port", "url", "email", "network-connection", "x509",
            "registry-key", "person", "user-account", "asn", "mutex");

    private final MispMappings mappings = new MispMappings(Path.of("mappings/misp"));

    @Test
    void everyTypeInTheRealSamplesIsMapped() throws IOException {
        Set<String> attributeTypes = new TreeSet<>();
        Set<String> templates = new TreeSet<>();
        Set<String> galaxies = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MispTestSupport.DATA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith("stix21.json")).toList()) {
                JsonNode doc = Stix.mapper().readTree(f.toFile());
                for (JsonNode e : doc.has("response") ? doc.get("response") : List.of(doc)) {
                    JsonNode event = e.has("Event") ? e.get("Event") : e;
                    event.path("Attribute").forEach(a -> attributeTypes.add(a.path("type").asText()));
                    event.path("Object").forEach(o -> templates.add(o.path("name").asText()));
                    event.path("Galaxy").forEach(g -> galaxies.add(g.path("type").asText()));
                }
            }
        }
        assertThat(attributeTypes).hasSizeGreaterThan(25);
        assertThat(mappings.attributeTypes.keySet()).containsAll(attributeTypes);
        assertThat(mappings.objectTemplates.keySet()).containsAll(templates);
        assertThat(mappings.galaxies.keySet()).containsAll(galaxies);
    }

    @Test
    void everyAttributeTypeMispStixConvertsIsMappedAndTheRequiredTemplatesAndGalaxiesExist() {
        assertThat(mappings.attributeTypes.keySet()).containsAll(MISP_STIX_TYPES);
        assertThat(mappings.objectTemplates.keySet()).containsAll(REQUIRED_TEMPLATES);
        assertThat(mappings.galaxies.keySet()).contains("threat-actor", "ransomware", "rat", "botnet", "tool", "mitre-attack-pattern",
                "mitre-intrusion-set", "country", "sector");
        // the few misp-stix types ctiflow deliberately does not forward say why
        assertThat(mappings.attributeTypes.get("pdb").skip()).contains("no STIX 2.1 property");
        // binaries only with the source option: an attachment is its file name, its data an artifact then
        assertThat(mappings.attributeTypes.get("attachment").binary()).isNotNull();
    }
}

package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.Mappings;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.misp.MispRules.AttributeRule;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** STIX -> MISP conversion of real STIX: the feodotracker CSV through FeedConverter, and MISP samples converted there and back. */
class StixToMispConversionTest {

    static final StixToMisp TO_MISP = new StixToMisp(Path.of("mappings/misp"));
    static final StixToMisp.Options OPTIONS = new StixToMisp.Options("partners", 1, null, "ctiflow {source}: {origin}", 4, 0, false);
    static final String FEODO = "abusech-feodotracker-ipblocklist.csv";

    /** Types sharing STIX paths come back as the first of stix_to_misp.preferred (see attribute-types.yaml). */
    static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("ip-src", "ip-dst"), Map.entry("hostname", "domain"), Map.entry("uri", "url"),
            Map.entry("target-email", "email"), Map.entry("whois-registrant-email", "email"), Map.entry("email-attachment", "filename"),
            Map.entry("attachment", "filename"),
            Map.entry("malware-sample", "filename|md5"), Map.entry("comment", "text"), Map.entry("other", "text"), Map.entry("link", "url"));

    static List<StixObject> feodo() throws IOException {
        List<StixObject> all = new ArrayList<>();
        Mappings mappings = new Mappings(Path.of("mappings"));
        try (InputStream in = Files.newInputStream(Path.of("ctiflow-app/src/test/resources/data/csv", FEODO));
             FeedConverter converter = new FeedConverter(in, FEODO, mappings.feed("feodotracker"), mappings.toStix(), 100_000)) {
            while (converter.hasNext()) {
                Batch batch = converter.next();
                all.addAll(batch.objects());
            }
        }
        return all;
    }

    static List<JsonNode> attributes(StixToMisp.Result r) {
        List<JsonNode> out = new ArrayList<>();
        r.event().path("Event").path("Attribute").forEach(out::add);
        return out;
    }

    static List<JsonNode> objectAttributes(StixToMisp.Result r) {
        List<JsonNode> out = new ArrayList<>();
        r.event().path("Event").path("Object").forEach(o -> o.path("Attribute").forEach(out::add));
        return out;
    }

    @Test
    void theOrAlternativesMispToStixWritesForOneSingleValuedPropertyAreReadBack() {
        PatternComparisons.Parsed p = PatternComparisons.parse(
                "[(domain-name:value = 'misp-project.org' OR domain-name:value = 'circl.lu') AND domain-name:resolves_to_refs[*].value = '149.13.33.14']");
        assertThat(p.problem()).isNull();
        assertThat(p.joiner()).isEqualTo("AND");
        assertThat(p.comparisons()).extracting(PatternComparisons.Comparison::value).containsExactly("misp-project.org", "circl.lu", "149.13.33.14");
        assertThat(PatternComparisons.parse("[(domain-name:value = 'a' OR url:value = 'b') AND domain-name:value = 'c']").problem())
                .isEqualTo("parenthesised alternatives of different properties");
        assertThat(PatternComparisons.parse("[(domain-name:value = 'a' AND domain-name:value = 'b')]").problem())
                .isEqualTo("parenthesised comparisons other than alternatives (OR) of one property");
    }

    static List<String> tags(JsonNode element) {
        List<String> out = new ArrayList<>();
        element.path("Tag").forEach(t -> out.add(t.path("name").asText()));
        return out;
    }

    @Test
    void feodotrackerIndicatorsBecomeIdsAttributesWithTlpAndRsitTags() throws IOException {
        List<StixObject> objects = feodo();
        long indicators = objects.stream().filter(o -> o.type().equals("indicator")).count();
        StixToMisp.Result r = TO_MISP.convert("feodotracker", FEODO, objects, OPTIONS);

        JsonNode event = r.event().get("Event");
        assertThat(event.get("uuid").asText()).isEqualTo(r.eventUuid());
        assertThat(event.get("info").asText()).isEqualTo("ctiflow feodotracker: " + FEODO);
        assertThat(event.get("distribution").asText()).isEqualTo("1");
        assertThat(event.has("sharing_group_id")).isFalse();
        assertThat(tags(event)).containsExactly("tlp:clear");
        assertThat(r.attributes()).isEqualTo(indicators).isEqualTo(28);
        JsonNode first = attributes(r).get(0);
        assertThat(first.get("type").asText()).isEqualTo("ip-dst|port");
        assertThat(first.get("value").asText()).isEqualTo("192.9.135.73|1194");
        assertThat(first.get("to_ids").asBoolean()).isTrue();
        assertThat(first.get("distribution").asText()).isEqualTo("5");
        assertThat(tags(first)).containsExactly("tlp:clear", "rsit:malicious-code=\"c2-server\"");
        assertThat(attributes(r)).allSatisfy(a -> assertThat(a.get("to_ids").asBoolean()).isTrue());
        // what has no MISP attribute is listed, never dropped silently: the malware family and its relationships
        long malwareAndRelationships = objects.stream().filter(o -> o.type().equals("malware") || o.type().equals("relationship"))
                .map(StixObject::id).distinct().count();
        assertThat(r.unmapped()).hasSize((int) malwareAndRelationships)
                .allSatisfy(u -> assertThat(u).matches("(malware|relationship)--[0-9a-f-]+: .*has no MISP attribute type.*"));
    }

    @Test
    void uuidsAreDeterministicPerDestinationAndStixId() throws IOException {
        List<StixObject> objects = feodo();
        StixToMisp.Result a = TO_MISP.convert("feodotracker", FEODO, objects, OPTIONS);
        StixToMisp.Result b = TO_MISP.convert("feodotracker", FEODO, objects, OPTIONS);
        StixToMisp.Result other = TO_MISP.convert("feodotracker", FEODO, objects,
                new StixToMisp.Options("national-cert", 4, "7", "x", 4, 0, false));
        assertThat(b.event()).isEqualTo(a.event());
        assertThat(other.eventUuid()).isNotEqualTo(a.eventUuid());
        assertThat(other.event().get("Event").get("sharing_group_id").asText()).isEqualTo("7");
        Set<String> uuids = attributes(a).stream().map(x -> x.get("uuid").asText()).collect(Collectors.toSet());
        assertThat(uuids).hasSize(a.attributes());
        assertThat(attributes(other).stream().map(x -> x.get("uuid").asText())).containsExactlyInAnyOrderElementsOf(uuids);
    }

    @Test
    void mispEventsRoundTripKeepTypesAndValuesOfMappedTypes() throws Exception {
        Map<String, AttributeRule> rules = new MispMappings(Path.of("mappings/misp")).attributeTypes;
        int compared = 0;
        for (String name : MispSamples.EVENTS) {
            JsonNode event = MispTestServer.sample(name).get("Event");
            MispConversion stix = MispTestSupport.CONVERTER.convert(event);
            StixToMisp.Result back = TO_MISP.convert("circl", "event", stix.objects(), OPTIONS);
            Set<String> got = new HashSet<>();
            attributes(back).forEach(a -> got.add(key(a.get("type").asText(), a.get("value").asText(), a.get("to_ids").asBoolean())));
            // a value may come back inside a MISP object (a file with several hashes): it is back all the same
            objectAttributes(back).forEach(a -> got.add(key(a.get("type").asText(), a.get("value").asText(), a.get("to_ids").asBoolean())));
            Set<String> rejected = stix.rejects().stream().map(r -> r.reason().split(" ")[1]).collect(Collectors.toSet());
            for (JsonNode a : event.path("Attribute")) {
                AttributeRule rule = rules.get(a.path("type").asText());
                boolean toIds = EventContext.flag(a.path("to_ids"));
                boolean mapped = rule != null && rule.skip() == null && (rule.sco() != null && (toIds || !rule.patternOnly())
                        || List.of("vulnerability", "campaign", "note", "indicator").contains(String.valueOf(rule.sdo())));
                if (!mapped || rejected.contains(a.path("uuid").asText()) || EventContext.flag(a.path("deleted"))) {
                    continue;
                }
                String type = a.get("type").asText();
                boolean ids = rule.sdo() == null ? toIds : "indicator".equals(rule.sdo());
                // registry hives come back spelled out (HKLM -> HKEY_LOCAL_MACHINE), as STIX 2.1 requires
                String value = rule.sco() != null && rule.fields().get(0).kind == ValueKind.REGKEY
                        ? ValueKind.REGKEY.normalize(a.get("value").asText()) : a.get("value").asText();
                assertThat(got).as("%s attribute %s", name, a.path("uuid").asText())
                        .containsAnyOf(key(type, value, ids), key(CANONICAL.getOrDefault(type, type), value, ids));
                compared++;
            }
            assertThat(back.event().get("Event").get("info").asText()).isEqualTo(event.get("info").asText().trim());
        }
        assertThat(compared).isGreaterThan(300);
    }

    private static String key(String type, String value, boolean toIds) {
        return type + " " + value.trim().toLowerCase(Locale.ROOT) + " " + toIds;
    }

    @Test
    void observedDataBecomesAttributesWithoutIds() {
        MispConversion stix = MispTestSupport.CONVERTER.convert(MispTestServer.sample("circl-osint-regin-stage1-events-view"));
        assertThat(MispTestSupport.ofType(stix, "observed-data")).isNotEmpty();
        StixToMisp.Result back = TO_MISP.convert("circl", "event", stix.objects(), OPTIONS);
        assertThat(attributes(back)).anySatisfy(a -> assertThat(a.get("to_ids").asBoolean()).isFalse());
    }

    @Test
    void tlpOfEachObjectTagsItsAttributeAndTheEventTakesTheMostRestrictive() {
        String amber = Tlp.AMBER.markingId();
        String green = Tlp.GREEN.markingId();
        List<StixObject> objects = List.of(
                indicator("indicator--00000000-0000-4000-8000-000000000001", "[domain-name:value = 'evil.example']", green, "phishing"),
                indicator("indicator--00000000-0000-4000-8000-000000000002",
                        "[url:value = 'http://evil.example/a' OR file:hashes.'SHA-256' = '" + "a".repeat(64) + "']", amber, null),
                indicator("indicator--00000000-0000-4000-8000-000000000003", "[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.2']", green, null));
        StixToMisp.Result r = TO_MISP.convert("manual", "unit", objects, OPTIONS);
        assertThat(attributes(r)).extracting(a -> a.get("type").asText() + "=" + a.get("value").asText())
                .containsExactly("domain=evil.example", "url=http://evil.example/a", "sha256=" + "a".repeat(64));
        assertThat(tags(attributes(r).get(0))).containsExactly("tlp:green", "phishing");
        assertThat(tags(attributes(r).get(1))).containsExactly("tlp:amber");
        assertThat(tags(r.event().get("Event"))).containsExactly("tlp:amber");
        assertThat(r.unmapped()).singleElement().asString()
                .startsWith("indicator--00000000-0000-4000-8000-000000000003: pattern not a MISP attribute");
    }

    @Test
    void anAmbiguousTypeMissingFromThePreferredListFailsTheLoad(@TempDir Path tmp) throws IOException {
        Path misp = tmp.resolve("misp");
        Files.createDirectories(misp);
        for (Path f : Files.list(Path.of("mappings/misp")).toList()) {
            if (f.toString().endsWith(".yaml")) {
                Files.writeString(misp.resolve(f.getFileName()), Files.readString(f).replace("ip-dst, ip-src, ", ""));
            }
        }
        Files.createDirectories(tmp.resolve("schema"));
        for (Path f : Files.list(Path.of("mappings/schema")).toList()) {
            Files.copy(f, tmp.resolve("schema").resolve(f.getFileName()));
        }
        assertThatThrownBy(() -> new StixToMisp(misp)).isInstanceOf(MappingException.class)
                .hasMessageContaining("stix_to_misp.preferred").hasMessageContaining("ip-dst");
    }

    static StixObject object(String json) {
        try {
            return StixObject.of((ObjectNode) Stix.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StixObject indicator(String id, String pattern, String marking, String label) {
        return object("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id
                + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"pattern\":\""
                + pattern.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00.000Z\","
                + (label == null ? "" : "\"labels\":[\"" + label + "\"],") + "\"object_marking_refs\":[\"" + marking + "\"]}");
    }
}

package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.ctiflow.stix.validation.ValidationFixtures.INDICATOR_ID;
import static io.ctiflow.stix.validation.ValidationFixtures.T;
import static io.ctiflow.stix.validation.ValidationFixtures.errors;
import static io.ctiflow.stix.validation.ValidationFixtures.identity;
import static io.ctiflow.stix.validation.ValidationFixtures.indicator;
import static io.ctiflow.stix.validation.ValidationFixtures.malware;
import static io.ctiflow.stix.validation.ValidationFixtures.object;
import static io.ctiflow.stix.validation.ValidationFixtures.validate;
import static io.ctiflow.stix.validation.ValidationFixtures.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules on a single object: common properties, timestamps, required properties per type. */
class StixValidatorObjectRulesTest {

    /** Exactly one problem, an error on this property whose message contains the fragment. */
    static void assertOneError(JsonNode node, String property, String fragment) {
        List<ValidationProblem> problems = validate(node);
        assertThat(problems).as(problems.toString()).hasSize(1);
        assertThat(problems.get(0).isError()).as(problems.get(0).toString()).isTrue();
        assertThat(problems.get(0).property()).isEqualTo(property);
        assertThat(problems.get(0).message()).contains(fragment);
    }

    /** Exactly one problem, a warning on this property whose message contains the fragment. */
    static void assertOneWarning(JsonNode node, String property, String fragment) {
        List<ValidationProblem> problems = validate(node);
        assertThat(problems).as(problems.toString()).hasSize(1);
        assertThat(problems.get(0).severity()).isEqualTo(ValidationProblem.Severity.WARNING);
        assertThat(problems.get(0).property()).isEqualTo(property);
        assertThat(problems.get(0).message()).contains(fragment);
    }

    @Test
    void fixturesAreValid() {
        assertThat(validate(indicator())).isEmpty();
        assertThat(validate(malware())).isEmpty();
        assertThat(validate(identity())).isEmpty();
    }

    @Test
    void typeMustBeWellFormed() {
        assertOneError(indicator().put("type", "Indicator"), "type", "'Indicator' is not a valid type");
        ObjectNode untyped = indicator();
        untyped.remove("type");
        assertThat(errors(untyped)).extracting(ValidationProblem::property).contains("type");
    }

    @Test
    void specVersionIsRequiredOnDomainObjectsButOnlyRecommendedOnObservables() {
        ObjectNode sdo = indicator();
        sdo.remove("spec_version");
        assertOneError(sdo, "spec_version", "required property is missing");
        assertOneWarning(object("""
                {"type": "ipv4-addr", "id": "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd", "value": "198.51.100.3"}"""),
                "spec_version", "should be present");
        assertOneError(indicator().put("spec_version", "2.0"), "spec_version", "must be \"2.1\"");
    }

    @Test
    void createdAndModifiedAreRequiredOnDomainObjects() {
        ObjectNode o = indicator();
        o.remove("modified");
        assertOneError(o, "modified", "required property is missing");
        ObjectNode marking = object("""
                {"type": "marking-definition", "spec_version": "2.1",
                 "id": "marking-definition--0b2e4b1c-5c3a-4d5e-8f6a-7b8c9d0e1f2a",
                 "definition_type": "tlp", "definition": {"tlp": "green"}}""");
        assertOneError(marking, "created", "required property is missing");
    }

    @Test
    void timestampsNeedNotCarryFractionsButCreatedShouldBeMillisecondPrecise() {
        assertThat(validate(indicator().put("valid_from", "2016-05-12T08:17:27Z"))).isEmpty();
        assertThat(validate(indicator().put("valid_from", "2016-05-12T08:17:27.123456789Z"))).isEmpty();
        assertOneWarning(indicator().put("created", "2016-05-12T08:17:27Z"), "created", "millisecond");
    }

    @ParameterizedTest
    @CsvSource({
        "2017-02-29T00:00:00Z, day out of range",
        "2016-05-12T24:00:00Z, hour out of range",
        "2016-05-12 08:17:27Z, not an RFC 3339 timestamp",
        "2016-05-12T08:17:27.000+00:00, not in UTC",
        "2016-05-12T08:17:27.000z, not in UTC",
        "yesterday, not an RFC 3339 timestamp"
    })
    void invalidTimestampsAreErrors(String timestamp, String reason) {
        assertOneError(indicator().put("valid_from", timestamp), "valid_from", reason);
    }

    @Test
    void leapDaysAndLeapSecondsAreTimestamps() {
        assertThat(validate(indicator().put("valid_from", "2016-02-29T23:59:60Z"))).isEmpty();
    }

    @Test
    void timestampsMustBeStrings() {
        assertOneError(indicator().put("valid_from", 1463041047), "valid_from", "must be a timestamp string");
    }

    @Test
    void timestampOrderIsEnforced() {
        assertOneError(indicator().put("valid_until", T), "valid_until", "must be later than valid_from");
        assertThat(validate(indicator().put("valid_until", "2016-05-12T08:17:27.001Z"))).isEmpty();
        ObjectNode campaign = object("""
                {"type": "campaign", "spec_version": "2.1", "id": "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                 "created": "%s", "modified": "%s", "name": "Operation X",
                 "first_seen": "2016-05-12T00:00:00Z", "last_seen": "2016-05-11T00:00:00Z"}""".formatted(T, T));
        assertOneError(campaign, "last_seen", "must be later than or equal to first_seen");
    }

    @Test
    void propertyNamesFollowTheNamingRule() {
        assertThat(validate(indicator().put("x_acme_score", 5))).isEmpty();
        assertOneError(indicator().put("x-acme-score", 5), "x-acme-score", "invalid property name");
        assertOneError(indicator().put("xy", 5), "xy", "invalid property name");
    }

    @Test
    void emptyListsAreNotAllowed() {
        ObjectNode o = indicator();
        o.putArray("labels");
        assertOneError(o, "labels", "empty lists are not allowed");
    }

    @Test
    void extensionKeysAreExtensionDefinitionIdsOrPredefinedNames() {
        ObjectNode o = indicator();
        o.putObject("extensions").putObject("acme").put("score", 1);
        assertOneError(o, "extensions.acme", "extension keys must be");
        ObjectNode untyped = indicator();
        untyped.putObject("extensions").putObject("extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e")
                .put("rank", 5);
        assertOneError(untyped, "extensions.extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e.extension_type",
                "required property is missing");
        ObjectNode typed = indicator();
        typed.putObject("extensions").putObject("extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e")
                .put("extension_type", "property-extension").put("rank", 5);
        assertThat(validate(typed)).isEmpty();
    }

    @Test
    void confidenceIsAnIntegerFrom0To100() {
        assertThat(validate(indicator().put("confidence", 100))).isEmpty();
        assertOneError(indicator().put("confidence", 101), "confidence", "out of range [0..100]");
        assertOneError(indicator().put("confidence", "high"), "confidence", "must be an integer");
    }

    @Test
    void langIsALanguageTag() {
        assertThat(validate(indicator().put("lang", "de-CH"))).isEmpty();
        assertOneError(indicator().put("lang", "german!"), "lang", "not an RFC 5646 language tag");
    }

    @Test
    void externalReferencesNeedASourceNameAndSomethingToFollow() {
        ObjectNode o = indicator();
        o.putArray("external_references").addObject().put("url", "https://example.com");
        assertOneError(o, "external_references[0].source_name", "required property is missing");
        ObjectNode bare = indicator();
        bare.putArray("external_references").addObject().put("source_name", "acme");
        assertOneError(bare, "external_references[0]", "at least one of description, url or external_id");
        ObjectNode cve = indicator();
        cve.putArray("external_references").addObject().put("source_name", "cve").put("external_id", "2016-1234");
        assertOneError(cve, "external_references[0].external_id", "must be a CVE id");
    }

    @Test
    void killChainPhasesNeedBothNamesAndShouldBeLowercaseHyphenated() {
        ObjectNode o = malware();
        o.putArray("kill_chain_phases").addObject().put("kill_chain_name", "lockheed-martin-cyber-kill-chain");
        assertOneError(o, "kill_chain_phases[0].phase_name", "required property is missing");
        ObjectNode spaced = malware();
        spaced.putArray("kill_chain_phases").addObject().put("kill_chain_name", "mitre-attack")
                .put("phase_name", "Initial Access");
        assertOneWarning(spaced, "kill_chain_phases[0].phase_name", "lowercase");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'type': 'attack-pattern'}                                  | name",
        "{'type': 'grouping', 'object_refs': ['%s']}                 | context",
        "{'type': 'report', 'name': 'r', 'object_refs': ['%s']}      | published",
        "{'type': 'note', 'object_refs': ['%s']}                     | content",
        "{'type': 'opinion', 'object_refs': ['%s']}                  | opinion",
        "{'type': 'sighting'}                                        | sighting_of_ref",
        "{'type': 'relationship', 'source_ref': '%s', 'target_ref': 'malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061'} | relationship_type",
        "{'type': 'tool'}                                            | name",
        "{'type': 'vulnerability'}                                   | name",
        "{'type': 'language-content', 'object_ref': '%s'}            | contents",
        "{'type': 'observed-data', 'first_observed': 'T', 'last_observed': 'T', 'object_refs': ['ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd']} | number_observed"
    })
    void requiredPropertiesPerType(String partial, String missing) {
        ObjectNode o = object(partial.replace('\'', '"').replace("%s", INDICATOR_ID).replace("\"T\"", "\"" + T + "\""));
        String type = o.get("type").asText();
        o.put("spec_version", "2.1").put("id", type + "--0e6e2f5b-6c1d-4a3a-9b8e-3d2c1b0a9f8e")
                .put("created", T).put("modified", T);
        assertOneError(o, missing, "required property is missing");
    }

    @Test
    void malwareFamiliesNeedANameAndIsFamilyIsBoolean() {
        ObjectNode family = malware();
        family.remove("name");
        assertOneError(family, "name", "required when is_family is true");
        ObjectNode instance = malware().put("is_family", false);
        instance.remove("name");
        assertThat(validate(instance)).isEmpty();
        assertOneError(malware().put("is_family", "yes"), "is_family", "must be true or false");
    }

    @Test
    void locationNeedsRegionCountryOrBothCoordinates() {
        String base = """
                {"type": "location", "spec_version": "2.1", "id": "location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64",
                 "created": "%s", "modified": "%s" %%s}""".formatted(T, T);
        assertThat(validate(object(base.formatted(", \"country\": \"ch\"")))).isEmpty();
        assertThat(validate(object(base.formatted(", \"latitude\": 46.9, \"longitude\": 7.4")))).isEmpty();
        assertOneError(object(base.formatted("")), null, "at least one of region, country, latitude");
        assertOneError(object(base.formatted(", \"latitude\": 46.9")), "latitude", "requires longitude");
        assertOneError(object(base.formatted(", \"latitude\": 91, \"longitude\": 7.4")), "latitude", "out of range");
        assertOneWarning(object(base.formatted(", \"region\": \"mars\"")), "region", "suggested vocabulary region-ov");
    }

    @Test
    void observedDataNeedsExactlyOneOfObjectsAndObjectRefs() {
        String base = """
                {"type": "observed-data", "spec_version": "2.1", "id": "observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf",
                 "created": "%s", "modified": "%s", "first_observed": "%s", "last_observed": "%s",
                 "number_observed": %%d %%s}""".formatted(T, T, T, T);
        String refs = ", \"object_refs\": [\"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd\"]";
        String objects = ", \"objects\": {\"0\": {\"type\": \"ipv4-addr\", \"value\": \"198.51.100.3\"}}";
        assertThat(validate(object(base.formatted(1, refs)))).isEmpty();
        assertOneError(object(base.formatted(1, "")), null, "exactly one of objects, object_refs");
        assertThat(errors(object(base.formatted(1, refs + objects)))).singleElement()
                .extracting(ValidationProblem::message).asString().contains("exactly one of objects, object_refs");
        assertOneWarning(object(base.formatted(1, objects)), "objects", "deprecated");
        assertOneError(object(base.formatted(0, refs)), "number_observed", "out of range [1..999999999]");
    }

    @Test
    void observablesHaveTheirOwnRequirements() {
        assertOneError(object("""
                {"type": "file", "id": "file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d", "spec_version": "2.1", "size": 1}"""),
                null, "at least one of hashes, name");
        assertOneError(object("""
                {"type": "domain-name", "id": "domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5", "spec_version": "2.1"}"""),
                "value", "required property is missing");
        assertOneError(object("""
                {"type": "x509-certificate", "id": "x509-certificate--463d7b2a-8516-5a50-a3d7-6f801465d5de",
                 "spec_version": "2.1"}"""), null, "at least one of is_self_signed, hashes");
        assertOneError(object("""
                {"type": "network-traffic", "id": "network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d",
                 "spec_version": "2.1", "protocols": ["tcp"]}"""), null, "at least one of src_ref, dst_ref");
        assertOneError(object("""
                {"type": "artifact", "id": "artifact--4cce66f8-6eaa-53cb-85d5-3a85fca3a6c5", "spec_version": "2.1",
                 "url": "https://example.com/a.bin"}"""), "url", "requires hashes");
        assertOneError(object("""
                {"type": "email-message", "id": "email-message--72b7698f-10c2-565a-a2a6-b4996a2f2265",
                 "spec_version": "2.1", "is_multipart": true, "body": "hi"}"""), "body", "must not be present");
    }

    @Test
    void hashValuesMustFitTheirAlgorithm() {
        String file = """
                {"type": "file", "id": "file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d", "spec_version": "2.1",
                 "hashes": {%s}}""";
        assertThat(validate(object(file.formatted("\"MD5\": \"1717b7fff97d37a1e1a0029d83492de1\", \"x-custom\": \"??\"")))).isEmpty();
        assertOneError(object(file.formatted("\"MD5\": \"1717b7fff97d\"")), "hashes.MD5", "not a valid MD5 hash");
        assertOneWarning(object(file.formatted("\"md5\": \"1717b7fff97d37a1e1a0029d83492de1\"")), "hashes.md5",
                "should be written 'MD5'");
    }

    @Test
    void hexAndBinaryPropertiesAreEncoded() {
        assertOneError(object("""
                {"type": "file", "id": "file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d", "spec_version": "2.1",
                 "name": "a.exe", "magic_number_hex": "4D5A9"}"""), "magic_number_hex", "not a hex string");
        assertOneError(object("""
                {"type": "artifact", "id": "artifact--4cce66f8-6eaa-53cb-85d5-3a85fca3a6c5", "spec_version": "2.1",
                 "payload_bin": "not base64!"}"""), "payload_bin", "not a base64 string");
    }
}

package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.ctiflow.stix.validation.StixValidatorObjectRulesTest.assertOneError;
import static io.ctiflow.stix.validation.ValidationFixtures.IDENTITY_ID;
import static io.ctiflow.stix.validation.ValidationFixtures.INDICATOR_ID;
import static io.ctiflow.stix.validation.ValidationFixtures.MALWARE_ID;
import static io.ctiflow.stix.validation.ValidationFixtures.T;
import static io.ctiflow.stix.validation.ValidationFixtures.bundle;
import static io.ctiflow.stix.validation.ValidationFixtures.errors;
import static io.ctiflow.stix.validation.ValidationFixtures.identity;
import static io.ctiflow.stix.validation.ValidationFixtures.indicator;
import static io.ctiflow.stix.validation.ValidationFixtures.malware;
import static io.ctiflow.stix.validation.ValidationFixtures.object;
import static io.ctiflow.stix.validation.ValidationFixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

/** Reference syntax, allowed target types, dangling references, duplicates and the bundle envelope. */
class StixValidatorReferencesTest {

    private static ObjectNode sighting(String sightingOf, String whereSighted) {
        return object("""
                {"type": "sighting", "spec_version": "2.1", "id": "sighting--ee20065d-2555-424f-ad9e-0f8428623c75",
                 "created": "%s", "modified": "%s", "sighting_of_ref": "%s", "where_sighted_refs": ["%s"]}"""
                .formatted(T, T, sightingOf, whereSighted));
    }

    private static ObjectNode relationship(String source, String target) {
        return object("""
                {"type": "relationship", "spec_version": "2.1", "id": "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
                 "created": "%s", "modified": "%s", "relationship_type": "indicates", "source_ref": "%s",
                 "target_ref": "%s"}""".formatted(T, T, source, target));
    }

    @Test
    void referencesHoldIdentifiers() {
        assertOneError(indicator().put("created_by_ref", "ACME"), "created_by_ref", "\"ACME\" is not a valid identifier");
        ObjectNode o = indicator();
        o.putArray("object_marking_refs").add("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da").add(7);
        assertOneError(o, "object_marking_refs[1]", "7 is not a valid identifier");
    }

    @Test
    void referenceListsAreNonEmptyLists() {
        ObjectNode empty = indicator();
        empty.putArray("object_marking_refs");
        assertOneError(empty, "object_marking_refs", "must be a non-empty list of identifiers");
        assertOneError(indicator().put("object_marking_refs", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
                "object_marking_refs", "must be a non-empty list");
    }

    @Test
    void referencedTypesMustFitTheProperty() {
        assertOneError(indicator().put("created_by_ref", MALWARE_ID), "created_by_ref",
                "has type malware, but created_by_ref must reference identity");
        assertOneError(sighting(INDICATOR_ID, MALWARE_ID), "where_sighted_refs[0]", "must reference identity or location");
        ObjectNode marked = indicator();
        marked.putArray("object_marking_refs").add(IDENTITY_ID);
        assertOneError(marked, "object_marking_refs[0]", "must reference marking-definition");
        assertOneError(relationship(INDICATOR_ID, "relationship--55298a74-ba52-4f0c-87a3-1824e67d7fae"), "target_ref",
                "must reference anything except relationship");
    }

    @Test
    void anObjectNeverRefersToItselfAndARelationshipRelatesTwoObjects() {
        assertOneError(relationship(INDICATOR_ID, INDICATOR_ID), "target_ref", "must relate two different objects");
        ObjectNode selfNote = object("""
                {"type": "note", "spec_version": "2.1", "id": "note--0e6e2f5b-6c1d-4a3a-9b8e-3d2c1b0a9f8e", "created": "%s", "modified": "%s",
                 "content": "see", "object_refs": ["note--0e6e2f5b-6c1d-4a3a-9b8e-3d2c1b0a9f8e"]}""".formatted(T, T));
        assertOneError(selfNote, "object_refs[0]", "must not refer to itself");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
        "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
    })
    void sightingsAreOfDomainObjectsOnly(String target) {
        assertOneError(sighting(target, IDENTITY_ID), "sighting_of_ref", "must reference anything except");
    }

    @Test
    void sightingsOfCustomObjectsAreAllowed() {
        assertThat(validate(sighting("x-acme-alert--0b5c7b5e-8f3a-4c2e-9d1f-6a7b8c9d0e1f", IDENTITY_ID))).isEmpty();
    }

    @Test
    void observedDataRefersToObservablesAndRelationships() {
        ObjectNode observed = object("""
                {"type": "observed-data", "spec_version": "2.1", "id": "observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf",
                 "created": "%s", "modified": "%s", "first_observed": "%s", "last_observed": "%s", "number_observed": 1,
                 "object_refs": ["ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd", "%s"]}"""
                .formatted(T, T, T, T, INDICATOR_ID));
        assertOneError(observed, "object_refs[1]", "must reference a cyber-observable or a relationship object");
    }

    @Test
    void referencesInsideObservablesAreCheckedToo() {
        ObjectNode traffic = object("""
                {"type": "network-traffic", "spec_version": "2.1", "id": "network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d",
                 "protocols": ["tcp"], "dst_ref": "file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d"}""");
        assertOneError(traffic, "dst_ref", "must reference ipv4-addr or ipv6-addr or mac-addr or domain-name");
        ObjectNode email = object("""
                {"type": "email-message", "spec_version": "2.1", "id": "email-message--72b7698f-10c2-565a-a2a6-b4996a2f2265",
                 "is_multipart": true,
                 "body_multipart": [{"body": "see attachment"}, {"body_raw_ref": "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd"}]}""");
        assertOneError(email, "body_multipart[1].body_raw_ref", "must reference artifact or file");
    }

    @Test
    void danglingReferencesAreErrorsInABundleOnly() {
        ObjectNode indicator = indicator().put("created_by_ref", IDENTITY_ID);
        assertThat(validate(indicator)).isEmpty();
        assertThat(errors(bundle(indicator)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.objectId()).isEqualTo(INDICATOR_ID);
                    assertThat(p.property()).isEqualTo("created_by_ref");
                    assertThat(p.message()).isEqualTo("dangling reference '" + IDENTITY_ID
                            + "': no object with this id in the bundle");
                });
        assertThat(validate(bundle(indicator, identity()))).isEmpty();
    }

    @Test
    void danglingReferencesInsideObservablesAreFound() {
        ObjectNode traffic = object("""
                {"type": "network-traffic", "spec_version": "2.1", "id": "network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d",
                 "protocols": ["tcp"], "dst_ref": "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd"}""");
        assertThat(errors(bundle(traffic))).singleElement()
                .satisfies(p -> assertThat(p.property()).isEqualTo("dst_ref"))
                .satisfies(p -> assertThat(p.message()).startsWith("dangling reference"));
    }

    @Test
    void standardTlpMarkingsAreNeverDangling() {
        ObjectNode o = indicator();
        o.putArray("object_marking_refs")
                .add("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9")
                .add("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421")
                .add("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
        assertThat(validate(bundle(o))).isEmpty();
        o.withArray("object_marking_refs").add("marking-definition--a4d70b75-6f4a-4d2a-8a8c-3f2b1c0d9e8f");
        assertThat(errors(bundle(o))).extracting(ValidationProblem::property).containsExactly("object_marking_refs[3]");
    }

    @Test
    void aMarkingDefinitionMustNotMarkItself() {
        ObjectNode marking = object("""
                {"type": "marking-definition", "spec_version": "2.1", "created": "%s",
                 "id": "marking-definition--a4d70b75-6f4a-4d2a-8a8c-3f2b1c0d9e8f", "definition_type": "statement",
                 "definition": {"statement": "Copyright ACME"},
                 "object_marking_refs": ["marking-definition--a4d70b75-6f4a-4d2a-8a8c-3f2b1c0d9e8f"]}""".formatted(T));
        assertOneError(marking, "object_marking_refs[0]", "must not mark itself");
    }

    @Test
    void sameIdAndModifiedTwiceIsADuplicateWarning() {
        List<ValidationProblem> problems = validate(bundle(malware(), malware()));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ValidationProblem.Severity.WARNING);
            assertThat(p.objectId()).isEqualTo(MALWARE_ID);
            assertThat(p.message()).contains("duplicate");
        });
        assertThat(validate(bundle(malware(), malware().put("modified", "2017-01-01T00:00:00.000Z")))).isEmpty();
    }

    @Test
    void bundleEnvelopeIsChecked() {
        ObjectNode badId = bundle(malware()).put("id", "bundle--1234");
        assertThat(errors(badId)).singleElement().satisfies(p -> {
            assertThat(p.objectId()).isEqualTo("bundle--1234");
            assertThat(p.property()).isEqualTo("id");
            assertThat(p.message()).contains("not a valid bundle id");
        });
        ObjectNode notAList = bundle().put("objects", "none");
        assertThat(errors(notAList)).extracting(ValidationProblem::property).containsExactly("objects");
        ObjectNode withJunk = bundle(malware());
        withJunk.withArray("objects").add(42);
        assertThat(errors(withJunk)).extracting(ValidationProblem::property).containsExactly("objects[1]");
        JsonNode empty = bundle();
        assertThat(validate(empty)).isEmpty();
        ObjectNode noObjects = bundle();
        noObjects.remove("objects");
        assertThat(validate(noObjects.put("spec_version", "2.0"))).isEmpty();
    }

    @Test
    void problemsComeInDocumentOrder() {
        ObjectNode first = malware().put("confidence", 500);
        ObjectNode second = indicator().put("created_by_ref", MALWARE_ID);
        ObjectNode envelope = bundle(first, second).put("id", "bundle--nope");
        assertThat(validate(envelope)).extracting(ValidationProblem::property)
                .containsExactly("id", "confidence", "created_by_ref");
    }
}

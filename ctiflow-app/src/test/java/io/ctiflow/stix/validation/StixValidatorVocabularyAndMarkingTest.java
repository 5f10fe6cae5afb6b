package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;

import static io.ctiflow.stix.validation.StixValidatorObjectRulesTest.assertOneError;
import static io.ctiflow.stix.validation.StixValidatorObjectRulesTest.assertOneWarning;
import static io.ctiflow.stix.validation.ValidationFixtures.INDICATOR_ID;
import static io.ctiflow.stix.validation.ValidationFixtures.T;
import static io.ctiflow.stix.validation.ValidationFixtures.identity;
import static io.ctiflow.stix.validation.ValidationFixtures.indicator;
import static io.ctiflow.stix.validation.ValidationFixtures.object;
import static io.ctiflow.stix.validation.ValidationFixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

/** Open vocabularies warn, closed enumerations fail; indicator patterns; granular markings and marking definitions. */
class StixValidatorVocabularyAndMarkingTest {

    @Test
    void valuesOutsideAnOpenVocabularyAreWarnings() {
        ObjectNode o = indicator();
        o.putArray("indicator_types").add("malicious-activity").add("spicy");
        assertOneWarning(o, "indicator_types[1]", "'spicy' is not in the suggested vocabulary indicator-type-ov");
        assertOneWarning(identity().put("identity_class", "guild"), "identity_class", "identity-class-ov");
    }

    @Test
    void valuesOutsideAClosedEnumerationAreErrors() {
        ObjectNode opinion = object("""
                {"type": "opinion", "spec_version": "2.1", "id": "opinion--b01efc25-77b4-4003-b18b-f6e24b5cd9f7",
                 "created": "%s", "modified": "%s", "opinion": "maybe", "object_refs": ["%s"]}"""
                .formatted(T, T, INDICATOR_ID));
        assertOneError(opinion, "opinion", "'maybe' is not one of strongly-disagree, disagree, neutral, agree,"
                + " strongly-agree");
        ObjectNode registry = object("""
                {"type": "windows-registry-key", "spec_version": "2.1",
                 "id": "windows-registry-key--2ba37ae7-2745-5082-9dfd-9486dad41016",
                 "key": "HKEY_LOCAL_MACHINE\\\\System\\\\Foo",
                 "values": [{"name": "a", "data_type": "REG_SZ"}, {"name": "b", "data_type": "REG_FOO"}]}""");
        assertOneError(registry, "values[1].data_type", "'REG_FOO' is not one of");
    }

    @Test
    void extensionDefinitionsNeedTheirPropertiesAndKnownExtensionTypes() {
        String base = """
                {"type": "extension-definition", "spec_version": "2.1",
                 "id": "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e",
                 "created_by_ref": "identity--311b2d2d-f010-4473-83ec-1edf84858f4c", "created": "%s", "modified": "%s",
                 "name": "ctiflow provenance", "schema": "https://example.com/schema.json", "version": "1.0",
                 "extension_types": [%%s] %%s}""".formatted(T, T);
        assertThat(validate(object(base.formatted("\"property-extension\"", "")))).isEmpty();
        assertOneError(object(base.formatted("\"new-thing\"", "")), "extension_types[0]", "'new-thing' is not one of");
        assertOneError(object(base.formatted("\"property-extension\"", ", \"extension_properties\": [\"x_score\"]")),
                "extension_properties", "only allowed when extension_types includes toplevel-property-extension");
    }

    @Test
    void stixPatternsAreParsedOtherPatternLanguagesAreNot() {
        assertOneError(indicator().put("pattern", "[url:value = 'http://a.example/'"), "pattern", "expected ']'");
        assertThat(validate(indicator().put("pattern_type", "sigma").put("pattern", "title: anything goes"))).isEmpty();
        assertOneWarning(indicator().put("pattern_version", "2.0"), "pattern_version", "should be \"2.1\"");
        assertOneWarning(indicator().put("pattern", "[win-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Foo']"),
                "pattern", "'win-registry-key' is not a STIX 2.1 cyber-observable type");
    }

    @Test
    void granularMarkingSelectorsMustPointAtPresentProperties() {
        ObjectNode o = indicator();
        o.putArray("granular_markings").addObject()
                .put("marking_ref", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82")
                .putArray("selectors").add("name").add("indicator_types.[0]").add("indicator_types.[3]");
        assertOneError(o, "granular_markings[0].selectors[2]", "\"indicator_types.[3]\" does not match any property");
    }

    @Test
    void granularMarkingsHaveEitherAMarkingRefOrALanguage() {
        ObjectNode both = indicator();
        both.putArray("granular_markings").addObject()
                .put("marking_ref", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82").put("lang", "en")
                .putArray("selectors").add("name");
        assertOneError(both, "granular_markings[0]", "exactly one of marking_ref and lang");
        ObjectNode language = indicator();
        language.putArray("granular_markings").addObject().put("lang", "fr").putArray("selectors").add("name");
        assertThat(validate(language)).isEmpty();
    }

    @Test
    void markingDefinitionsCarryAKnownDefinitionOrAnExtension() {
        String tlp = """
                {"type": "marking-definition", "spec_version": "2.1",
                 "id": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "created": "2017-01-20T00:00:00.000Z",
                 "definition_type": "tlp", "name": "TLP:GREEN", "definition": {"tlp": "%s"}}""";
        assertThat(validate(object(tlp.formatted("green")))).isEmpty();
        assertOneError(object(tlp.formatted("purple").replace("34098fce-860f-48ae-8e50-ebd3cc5e41da", "0b2e4b1c-5c3a-4d5e-8f6a-7b8c9d0e1f2a")),
                "definition.tlp", "must be one of white, green, amber, red");
        assertOneError(object("""
                {"type": "marking-definition", "spec_version": "2.1", "created": "%s",
                 "id": "marking-definition--a4d70b75-6f4a-4d2a-8a8c-3f2b1c0d9e8f", "definition_type": "statement"}"""
                .formatted(T)), "definition", "required property is missing");
        // TLP 2.0 markings are defined through an extension instead
        assertThat(validate(Tlp.AMBER.markingDefinition())).isEmpty();
    }

    @Test
    void theStandardTlpIdsCarryOnlyTheirStandardBodies() {
        ObjectNode clearDefinedAsRed = Tlp.RED.markingDefinition();
        clearDefinedAsRed.put("id", Tlp.CLEAR.markingId());
        assertOneError(clearDefinedAsRed, null, "reuses the standard TLP:CLEAR id but defines TLP:RED");
        ObjectNode renamed = Tlp.GREEN.markingDefinition();
        renamed.put("name", "TLP:GREEN (shared freely)");
        assertOneError(renamed, null, "reuses the standard TLP:GREEN id but differs from the standard definition");
        for (Tlp level : Tlp.values()) {
            assertThat(validate(level.markingDefinition())).isEmpty();
        }
    }
}

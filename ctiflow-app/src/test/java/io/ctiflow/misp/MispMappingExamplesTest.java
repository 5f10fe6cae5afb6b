package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.SchemaCheckedYaml;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.patterns;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every worked example of mappings/misp/ (the {@code examples} of attribute-types.yaml and
 * object-templates.yaml): the value (or the object's relations) converted by {@link MispToStix} in a one-attribute
 * event must give exactly the pattern, hold the observable values, or be rejected with the reason, and be valid STIX.
 */
class MispMappingExamplesTest {

    private static final Path DIR = Path.of("mappings/misp");

    @TestFactory
    List<DynamicTest> attributeTypeExamples() {
        JsonNode types = new SchemaCheckedYaml(DIR.resolveSibling("schema/misp-attribute-types.schema.json"))
                .read(DIR.resolve("attribute-types.yaml")).get("types");
        List<DynamicTest> tests = new ArrayList<>();
        types.fields().forEachRemaining(t -> {
            int i = 0;
            for (JsonNode example : t.getValue().path("examples")) {
                String name = t.getKey() + " #" + ++i;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    ObjectNode attribute = Stix.mapper().createObjectNode();
                    attribute.put("uuid", uuid(name));
                    attribute.put("type", t.getKey());
                    attribute.put("value", example.get("value").asText());
                    attribute.put("timestamp", "1603642920");
                    if (example.has("data")) {
                        attribute.put("data", example.get("data").asText());
                    }
                    check(name, CONVERTER.convert(MispStixReference.event(name, attribute, example.get("to_ids").asBoolean()), options(example)), example);
                }));
            }
        });
        assertThat(tests).as("worked examples in attribute-types.yaml").hasSizeGreaterThanOrEqualTo(10);
        return tests;
    }

    @TestFactory
    List<DynamicTest> objectTemplateExamples() {
        JsonNode templates = new SchemaCheckedYaml(DIR.resolveSibling("schema/misp-object-templates.schema.json"))
                .read(DIR.resolve("object-templates.yaml")).get("templates");
        List<DynamicTest> tests = new ArrayList<>();
        templates.fields().forEachRemaining(t -> {
            int i = 0;
            for (JsonNode example : t.getValue().path("examples")) {
                String name = t.getKey() + " #" + ++i;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    ArrayNode objects = Stix.mapper().createArrayNode();
                    object(name, t.getKey(), example, objects);
                    check(name, CONVERTER.convert(MispStixReference.event(name, objects, example.get("to_ids").asBoolean()), options(example)), example);
                }));
            }
        });
        assertThat(tests).as("worked examples in object-templates.yaml").hasSizeGreaterThanOrEqualTo(5);
        return tests;
    }

    /** The example's object, and after it the objects folded into it, each referenced by its parent (as MISP links pe to file). */
    private static String object(String name, String template, JsonNode example, ArrayNode out) {
        ObjectNode object = out.addObject();
        object.put("name", template);
        object.put("uuid", uuid(name + " " + out.size()));
        object.put("timestamp", "1603642920");
        ArrayNode attributes = object.putArray("Attribute");
        for (Map.Entry<String, JsonNode> r : (Iterable<Map.Entry<String, JsonNode>>) example.get("attributes")::fields) {
            for (JsonNode value : r.getValue().isArray() ? r.getValue() : List.of(r.getValue())) {
                ObjectNode a = attributes.addObject();
                a.put("uuid", uuid(name + " " + object.get("uuid").asText() + " " + r.getKey() + " " + value.asText()));
                a.put("object_relation", r.getKey());
                a.put("type", r.getKey());
                a.put("value", value.asText());
                if (example.path("data").has(r.getKey())) {
                    a.put("data", example.path("data").get(r.getKey()).asText());
                }
            }
        }
        ArrayNode references = object.putArray("ObjectReference");
        for (JsonNode child : example.path("folded")) {
            String childUuid = object(name, child.get("name").asText(), child, out);
            ObjectNode ref = references.addObject();
            ref.put("referenced_uuid", childUuid);
            ref.put("relationship_type", "includes");
        }
        return object.get("uuid").asText();
    }

    /** An example with binaries: true converts as a source with the binaries option. */
    private static MispToStix.Options options(JsonNode example) {
        return example.path("binaries").asBoolean(false) ? MispToStix.Options.BINARIES : MispToStix.Options.DEFAULT;
    }

    private static void check(String name, MispConversion c, JsonNode example) {
        validBundle("example " + name, c);
        if (example.has("rejected")) {
            assertThat(c.rejects()).as(name).anySatisfy(r -> assertThat(r.reason()).contains(example.get("rejected").asText()));
            return;
        }
        assertThat(c.rejects()).as(name + ": rejects").isEmpty();
        if (example.has("pattern")) {
            assertThat(patterns(c)).as(name).containsExactly(example.get("pattern").asText());
        }
        if (example.has("sdo")) {
            JsonNode expected = example.get("sdo");
            assertThat(ofType(c, expected.get("type").asText())).as(name).anySatisfy(sdo -> expected.fields().forEachRemaining(
                    p -> assertThat(sdo.get(p.getKey())).as(name + " " + p.getKey()).isEqualTo(p.getValue())));
        }
        if (example.has("observables")) {
            ArrayNode objects = Stix.mapper().createArrayNode();
            c.objects().forEach(o -> objects.add(o.tree()));
            List<String> expected = new ArrayList<>();
            example.get("observables").forEach(k -> expected.add(key(k.asText())));
            assertThat(StixValueKeys.of(objects).observables()).as(name).containsAll(expected);
        }
    }

    /** '<type>:<path>=<value>' as StixValueKeys writes it: path without quotes, value in lower case. */
    private static String key(String written) {
        int eq = written.indexOf('=');
        return StixValueKeys.hashName(written.substring(0, eq).replace("'", "")) + "=" + written.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("ctiflow mapping example " + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

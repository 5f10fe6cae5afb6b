package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.sample;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** The document shapes MISP serves (restSearch response, wrapped, wrapper-less, array) and a comparison with misp-stix's own output. */
class MispDocumentFormsTest {

    @Test
    void allDocumentFormsGiveTheSameConversion() {
        JsonNode wrapped = sample("events/ursnif-with-sightings.json");
        JsonNode bare = wrapped.get("Event");
        ArrayNode array = Stix.mapper().createArrayNode().add(wrapped).add(bare);
        JsonNode response = Stix.mapper().createObjectNode().set("response", Stix.mapper().createArrayNode().add(wrapped));
        String expected = json(CONVERTER.convert(wrapped));
        assertThat(json(CONVERTER.convert(bare))).isEqualTo(expected);
        assertThat(CONVERTER.convertDocument(wrapped)).extracting(MispDocumentFormsTest::json).containsExactly(expected);
        assertThat(CONVERTER.convertDocument(bare)).extracting(MispDocumentFormsTest::json).containsExactly(expected);
        assertThat(CONVERTER.convertDocument(array)).extracting(MispDocumentFormsTest::json).containsExactly(expected, expected);
        assertThat(CONVERTER.convertDocument(response)).extracting(MispDocumentFormsTest::json).containsExactly(expected);
    }

    @Test
    void restSearchCollectionsMatchMispStixOutput() {
        List<MispConversion> ours = new ArrayList<>(CONVERTER.convertDocument(sample("test_events_collection_1.json")));
        ours.addAll(CONVERTER.convertDocument(sample("test_events_collection_2.json")));
        assertThat(ours).extracting(MispConversion::eventUuid).containsExactly("e2e6a6ea-f69b-4d93-8564-f51d67cafe51",
                "d402185f-c129-4f65-8678-43edb2cee1cf", "50bf87fc-d134-499f-9e26-806cbe89ed37", "71356f2b-eefe-48db-a93a-4aa2233e3a59");
        JsonNode expected = sample("test_events_collection_stix21.json").get("objects");
        JsonNode bundle = validBundle("misp-stix test collections", ours);

        // the same groupings (events are unpublished) with the same names
        assertThat(names(bundle, "grouping")).isEqualTo(names(expected, "grouping"));
        // the same indicator patterns for the to_ids attributes
        assertThat(values(bundle, "indicator", "pattern")).isEqualTo(values(expected, "indicator", "pattern"));
        // the same observables for the attribute without to_ids (AS174); misp-stix additionally writes an
        // observed-data for every to_ids attribute, ctiflow writes the indicator only
        assertThat(values(bundle, "autonomous-system", "number")).isEqualTo(values(expected, "autonomous-system", "number"));
        assertThat(count(expected, "observed-data")).isEqualTo(4);
        assertThat(count(bundle, "observed-data")).isEqualTo(1);
        // the creator organisation
        assertThat(names(bundle, "identity")).contains("MISP-Project");
        assertThat(ours).allSatisfy(c -> assertThat(ofType(c, "grouping").get(0).path("object_refs").size()).isGreaterThanOrEqualTo(2));
    }

    private static String json(MispConversion c) {
        return c.objects().stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    private static List<JsonNode> objects(JsonNode bundleOrObjects) {
        JsonNode objects = bundleOrObjects.has("objects") ? bundleOrObjects.get("objects") : bundleOrObjects;
        return StreamSupport.stream(objects.spliterator(), false).toList();
    }

    private static List<String> names(JsonNode objects, String type) {
        return values(objects, type, "name");
    }

    private static List<String> values(JsonNode objects, String type, String property) {
        return objects(objects).stream().filter(o -> o.path("type").asText().equals(type)).map(o -> o.path(property).asText()).sorted().distinct().toList();
    }

    private static long count(JsonNode objects, String type) {
        Map<String, Long> counts = objects(objects).stream().collect(Collectors.groupingBy(o -> o.path("type").asText(), TreeMap::new, Collectors.counting()));
        return counts.getOrDefault(type, 0L);
    }
}

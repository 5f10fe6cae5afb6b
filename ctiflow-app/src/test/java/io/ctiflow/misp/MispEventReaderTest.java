package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MispEventReaderTest {

    private static InputStream text(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> uuids(String json) {
        List<String> uuids = new ArrayList<>();
        MispEventReader.forEach(text(json), "test", e -> uuids.add(e.get("uuid").asText()));
        return uuids;
    }

    @Test
    void readsTheRestSearchAnswerABareListAndOneEvent() {
        assertThat(uuids("{\"response\":[{\"Event\":{\"uuid\":\"a\"}},{\"Event\":{\"uuid\":\"b\"}}]}"))
                .containsExactly("a", "b");
        assertThat(uuids("{\"response\":[]}")).isEmpty();
        assertThat(uuids("[{\"Event\":{\"uuid\":\"a\"}}]")).containsExactly("a");
        assertThat(uuids("{\"other\":{\"x\":[1]},\"Event\":{\"uuid\":\"c\",\"Attribute\":[]}}")).containsExactly("c");
    }

    @Test
    void aRealFeedEventFileGivesTheContentOfEvent() {
        InputStream in = getClass().getResourceAsStream(
                "/data/misp/feed-misp-testsuite/56bf399d-c46c-4fdb-a9cf-d9bb02de0b81.json");
        ObjectNode event = MispEventReader.single(in, "feed file");
        assertThat(event.get("uuid").asText()).isEqualTo("56bf399d-c46c-4fdb-a9cf-d9bb02de0b81");
        assertThat(MispEvents.timestamp(event)).hasValue(1455373240L);
    }

    @Test
    void invalidJsonNamesTheSourceAndThePlace() {
        assertThatThrownBy(() -> uuids("<html>maintenance</html>")).isInstanceOf(MispException.class)
                .hasMessageStartingWith("invalid JSON from test: Unexpected character ('<'")
                .hasMessageEndingWith("at line 1 column 1");
        assertThatThrownBy(() -> uuids("{\"response\":[{\"Event\":{\"uuid\":\"a\"}}, {\"Event\":")).isInstanceOf(
                MispException.class).hasMessageStartingWith("invalid JSON from test:");
        assertThatThrownBy(() -> uuids("{\"response\":[42]}"))
                .hasMessage("invalid JSON from test: expected an event object in the response list, found VALUE_NUMBER_INT");
        assertThatThrownBy(() -> uuids("{\"response\":[{\"Attribute\":{}}]}"))
                .hasMessage("invalid JSON from test: response entry 1 is not a MISP event (no Event.uuid)");
        assertThatThrownBy(() -> MispEventReader.single(text("{\"response\":[]}"), "x.json"))
                .hasMessage("invalid JSON from x.json: expected one {\"Event\": {...}}, found 0 events");
        assertThatThrownBy(() -> uuids("")).hasMessage("invalid JSON from test: expected a JSON object or array, found null");
    }

    @Test
    void anEventNamingAPropertyTwiceIsNotRead() {
        // read last-wins, distribution 0 ("your organisation only") would become 3 ("all communities")
        assertThatThrownBy(() -> uuids("{\"Event\":{\"uuid\":\"a\",\"distribution\":\"0\",\"distribution\":\"3\",\"Attribute\":[]}}"))
                .isInstanceOf(MispException.class).hasMessageContaining("invalid JSON from test").hasMessageContaining("Duplicate field 'distribution'");
        assertThatThrownBy(() -> uuids("{\"response\":[{\"Event\":{\"uuid\":\"a\",\"Tag\":[{\"name\":\"tlp:red\",\"name\":\"tlp:clear\"}]}}]}"))
                .isInstanceOf(MispException.class).hasMessageContaining("Duplicate field 'name'");
    }
}

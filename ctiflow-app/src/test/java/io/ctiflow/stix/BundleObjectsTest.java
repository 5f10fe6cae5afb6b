package io.ctiflow.stix;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming reader every STIX-taking step reads bodies with: exactly one JSON document, nothing ignored. */
class BundleObjectsTest {

    private static final String INDICATOR = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"}";
    private static final String OTHER = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--b1a8ea2a-0d2b-4b59-a1c7-2d8b4a0e6d4e\"}";

    private static List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        new BundleObjects(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test body").forEachRemaining(o -> ids.add(o.id()));
        return ids;
    }

    @Test
    void readsABundleAnObjectAndAnArrayOfObjects() {
        assertThat(ids("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[" + INDICATOR + "," + OTHER + "]}")).hasSize(2);
        assertThat(ids("{\"id\":\"bundle--1\",\"objects\":[" + INDICATOR + "],\"type\":\"bundle\"}")).hasSize(1);
        assertThat(ids(INDICATOR)).containsExactly("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        assertThat(ids("[" + INDICATOR + "," + OTHER + "]")).hasSize(2);
    }

    @Test
    void aSecondObjectsArrayIsADuplicateKeyNotIgnored() {
        assertThatThrownBy(() -> ids("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[" + INDICATOR + "],\"objects\":[" + OTHER + "]}"))
                .hasMessageContaining("test body").hasMessageContaining("objects");
    }

    @Test
    void anythingAfterTheDocumentIsRefused() {
        assertThatThrownBy(() -> ids("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[" + INDICATOR + "]} {\"type\":\"bundle\"}"))
                .hasMessageContaining("test body").hasMessageContaining("after the bundle");
        assertThatThrownBy(() -> ids(INDICATOR + " []")).hasMessageContaining("after the bundle");
    }

    @Test
    void anObjectsArrayUnderAnotherTypeIsNotABundle() {
        assertThatThrownBy(() -> ids("{\"objects\":[" + INDICATOR + "],\"type\":\"report\",\"id\":\"report--1\"}"))
                .hasMessageContaining("not a bundle");
    }
}

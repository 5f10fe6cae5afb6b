package io.ctiflow.stix;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StixPatternsAndTimeTest {

    @Test
    void literalsEscapeQuoteAndBackslashOnly() {
        assertThat(StixPatterns.literal("it's")).isEqualTo("'it\\'s'");
        assertThat(StixPatterns.literal("HKLM\\Software")).isEqualTo("'HKLM\\\\Software'");
        assertThat(StixPatterns.literal("a\"b")).isEqualTo("'a\"b'");
    }

    @Test
    void templatesFillStringAndIntegerSlots() {
        var t = StixPatterns.compile("[network-traffic:dst_ref.value = {value} AND network-traffic:dst_port = {port:int}]");
        assertThat(t.fill(Map.of("value", "1.2.3.4", "port", "443")))
                .isEqualTo("[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = 443]");
        assertThatThrownBy(() -> t.fill(Map.of("value", "1.2.3.4", "port", "4x3"))).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> t.fill(Map.of("value", "1.2.3.4"))).hasMessageContaining("{port}");
    }

    @Test
    void timestampsAreUtcWithMilliseconds() {
        assertThat(StixTime.format(Instant.parse("2024-04-04T07:03:03Z"))).isEqualTo("2024-04-04T07:03:03.000Z");
        assertThat(StixTime.format(Instant.parse("2024-04-04T07:03:03.123456789Z"))).isEqualTo("2024-04-04T07:03:03.123Z");
        assertThat(StixTime.format(Instant.parse("0999-01-02T03:04:05.006Z"))).isEqualTo("0999-01-02T03:04:05.006Z");
    }

    @Test
    void tlpNamesOfBothVersionsMapToTlp2() {
        assertThat(Tlp.parse("white")).contains(Tlp.CLEAR);
        assertThat(Tlp.parse("tlp:white")).contains(Tlp.CLEAR);
        assertThat(Tlp.parse("TLP:AMBER+STRICT")).contains(Tlp.AMBER_STRICT);
        assertThat(Tlp.parse("amber")).contains(Tlp.AMBER);
        assertThat(Tlp.parse("purple")).isEmpty();
        assertThat(Tlp.RED.markingId()).isEqualTo("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
        assertThat(Tlp.CLEAR.markingDefinition().path("extensions").path(Tlp.TLP2_EXTENSION_ID).path("tlp_2_0").asText()).isEqualTo("clear");
    }

    @Test
    void standardTlpMarkingsOfBothVersionsAreRecognised() {
        assertThat(Tlp.fromStandardMarkingId("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82")).contains(Tlp.AMBER); // TLP 1.0 amber
        assertThat(Tlp.fromStandardMarkingId("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9")).contains(Tlp.CLEAR); // TLP 1.0 white
        assertThat(Tlp.fromStandardMarkingId(Tlp.RED.markingId())).contains(Tlp.RED);
        assertThat(Tlp.fromMarkingId("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82")).isEmpty();
        assertThat(Tlp.fromStandardMarkingId("marking-definition--00000000-0000-4000-8000-000000000000")).isEmpty();
    }
}

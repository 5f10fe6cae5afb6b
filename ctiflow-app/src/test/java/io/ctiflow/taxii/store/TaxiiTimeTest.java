package io.ctiflow.taxii.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-rolled fast paths agree with java.time on every precision, and bad input still fails. */
class TaxiiTimeTest {

    @Test
    void parsesEveryPrecisionAndOffsetsLikeJavaTime() {
        for (String s : new String[] {"2024-01-01T00:00:00Z", "2024-01-01T00:00:00.1Z", "2024-02-29T23:59:59.123Z",
                "2024-01-01T00:00:00.123456Z", "2024-01-01T00:00:00.123456789Z", "1969-12-31T23:59:59.999999Z", "2024-06-01T12:00:00+02:00"}) {
            Instant expected = OffsetDateTime.parse(s).toInstant();
            assertThat(TaxiiTime.parse(s)).as(s).isEqualTo(expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1000);
        }
    }

    @Test
    void formatsMicrosecondsAndRoundTrips() {
        assertThat(TaxiiTime.format(0)).isEqualTo("1970-01-01T00:00:00.000000Z");
        assertThat(TaxiiTime.format(TaxiiTime.parse("2026-12-01T22:07:11.123456Z"))).isEqualTo("2026-12-01T22:07:11.123456Z");
        assertThat(TaxiiTime.format(TaxiiTime.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500000Z");
    }

    @Test
    void rejectsWhatIsNotATimestamp() {
        for (String s : new String[] {"2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T00:00:00.Z", "2024-01-01 00:00:00Z", "yesterday", ""}) {
            assertThatThrownBy(() -> TaxiiTime.parse(s)).as(s).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

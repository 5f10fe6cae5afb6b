package io.ctiflow.misp;

import io.ctiflow.app.bench.MispBenchmark;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's generated event is what it claims (10,000 attributes, 1,000 objects) and converts cleanly to valid STIX. */
class MispBenchmarkEventConvertsTest {

    @Test
    void generatedEventConvertsWithoutRejects() throws Exception {
        MispConversion c = CONVERTER.convert(Stix.mapper().readTree(MispBenchmark.generatedEvent()));
        assertThat(c.rejects()).isEmpty();
        assertThat(c.mispObjects()).isEqualTo(1_000);
        assertThat(c.attributes()).isEqualTo(10_000 + 250 * 4 + 250 * 2 + 250 * 2 + 250);
        assertThat(c.objects().size()).isGreaterThan(11_000);
        validBundle("generated benchmark event", c);
    }
}

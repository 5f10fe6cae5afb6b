package io.ctiflow.pipeline;

import io.ctiflow.policy.DestinationEndpoints;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery and dead-letter counters of {@link Stages}: made at zero per destination, labelled by the kind destinations.yaml names. */
class StagesCountersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void watch() {
        Metrics.globalRegistry.add(meters);
    }

    @AfterEach
    void unwatch() {
        Metrics.globalRegistry.remove(meters);
    }

    @Test
    void deliveryCountersExistAtZeroAndCountUnderTheKindDestinationsYamlNames() {
        Stages.expectDeliveries("stages-test", List.of("webhook", "kafka"));
        assertThat(meters.get("ctiflow.delivery.failures").tag("destination", "stages-test").tag("endpoint_kind", "webhook").counter().count()).isZero();
        assertThat(meters.get("ctiflow.delivery.retries").tag("destination", "stages-test").counter().count()).isZero();

        Stages.deliveryFailed("stages-test", DestinationEndpoints.kindOf("direct:batch-to-kafka"));
        Stages.deliveryFailed("stages-test", DestinationEndpoints.kindOf("signed-webhook:stages-test-0?url=RAW(http://127.0.0.1:1/)"));
        assertThat(meters.get("ctiflow.delivery.failures").tag("destination", "stages-test").tag("endpoint_kind", "kafka").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("ctiflow.delivery.failures").tag("destination", "stages-test").tag("endpoint_kind", "webhook").counter().count()).isEqualTo(1.0);
        assertThat(meters.find("ctiflow.delivery.failures").tag("endpoint_kind", "direct").counter()).isNull();
        assertThat(meters.find("ctiflow.delivery.failures").tag("endpoint_kind", "signed-webhook").counter()).isNull();
    }

    @Test
    void deadLettersAreCountedByKindAndAllKindsExist() {
        double rejects = meters.get("ctiflow.dead.letters").tag("kind", Stages.REJECT).counter().count();
        Stages.deadLetters(Stages.REJECT, 3);
        Stages.deadLetters(Stages.FAILED_INPUT, 1);
        assertThat(meters.get("ctiflow.dead.letters").tag("kind", Stages.REJECT).counter().count()).isEqualTo(rejects + 3);
        assertThat(meters.get("ctiflow.dead.letters").tag("kind", Stages.FAILED_INPUT).counter().count()).isEqualTo(1.0);
        assertThat(meters.get("ctiflow.dead.letters").tag("kind", Stages.FAILED_DELIVERY).counter().count()).isZero();
    }
}

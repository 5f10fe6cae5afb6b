package io.ctiflow.ops;

import io.ctiflow.pipeline.SourceHealth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceHealthTest {

    @Test
    void aSourceIsDownOnlyAfterTheConfiguredConsecutiveFailuresAndUpAfterOneSuccess() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SourceHealth health = new SourceHealth(3, meters);
        health.failed("misp-to-stix-files", "IOException: connection refused");
        health.failed("misp-to-stix-files", "IOException: connection refused");
        assertThat(health.all().get("misp-to-stix-files").up(3)).as("two blips").isTrue();
        health.failed("misp-to-stix-files", "HTTP 503");
        SourceHealth.State down = health.all().get("misp-to-stix-files");
        assertThat(down.up(3)).isFalse();
        assertThat(down.lastFailureReason()).isEqualTo("HTTP 503");
        assertThat(down.lastSuccess()).isNull();
        assertThat(meters.get("ctiflow.source.last.success.timestamp").tag("source", "misp-to-stix-files").gauge().value()).isZero();
        assertThat(meters.get("ctiflow.source.up").tag("source", "misp-to-stix-files").gauge().value()).as("up gauge when down").isZero();
        assertThat(meters.get("ctiflow.source.failures").tag("source", "misp-to-stix-files").functionCounter().count()).isEqualTo(3.0);

        health.succeeded("misp-to-stix-files");
        SourceHealth.State up = health.all().get("misp-to-stix-files");
        assertThat(up.up(3)).isTrue();
        assertThat(up.consecutiveFailures()).isZero();
        assertThat(up.failures()).isEqualTo(3);
        assertThat(up.lastFailure()).isNotNull();
        assertThat(meters.get("ctiflow.source.up").tag("source", "misp-to-stix-files").gauge().value()).as("up gauge when up").isEqualTo(1.0);
        assertThat(meters.get("ctiflow.source.last.success.timestamp").tag("source", "misp-to-stix-files").gauge().value())
                .isEqualTo(up.lastSuccess().toEpochMilli() / 1000.0);
    }

    @Test
    void theThresholdMustBePositive() {
        assertThatThrownBy(() -> new SourceHealth(0, null)).hasMessageContaining("ctiflow.health.source-failures");
    }

    @Test
    void reasonsAreMadeSafeForCamelsHealthJson() {
        assertThat(SourceHealthChecks.jsonSafe("bad \"quote\" \\ and\nnewline")).isEqualTo("bad 'quote' / and newline");
    }
}

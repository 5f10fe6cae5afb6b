package io.ctiflow.misp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampProgressTest {

    @Test
    void allDeliveredMovesToTheNewestWhateverTheOrder() {
        TimestampProgress progress = new TimestampProgress(100);
        progress.delivered(300);
        progress.delivered(150);
        progress.delivered(200);
        assertThat(progress.checkpoint()).isEqualTo(300);
        assertThat(progress.deliveredCount()).isEqualTo(3);
    }

    @Test
    void aFailureHoldsTheCheckpointJustBeforeIt() {
        TimestampProgress progress = new TimestampProgress(100);
        progress.delivered(300);
        progress.failed(200);
        progress.delivered(150);
        assertThat(progress.checkpoint()).isEqualTo(199);

        TimestampProgress onlyNewerDelivered = new TimestampProgress(100);
        onlyNewerDelivered.failed(101);
        onlyNewerDelivered.delivered(400);
        assertThat(onlyNewerDelivered.checkpoint()).isEqualTo(100);
        assertThat(onlyNewerDelivered.failedCount()).isEqualTo(1);
    }

    @Test
    void nothingDeliveredNeverMovesBackwards() {
        assertThat(new TimestampProgress(100).checkpoint()).isEqualTo(100);
        TimestampProgress fresh = new TimestampProgress(Long.MIN_VALUE);
        fresh.failed(50);
        assertThat(fresh.checkpoint()).isEqualTo(Long.MIN_VALUE);
    }
}

package io.ctiflow.state;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dead-letter rows: listing by kind, source and status; what may be queued for replay; the outcome of a replay. */
class DeadLetterStoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StateBackend.class)
    void rowsAreListedByFilterAndOnlyReplayableOnesAreQueued(StateBackend backend) {
        String partner = "partner-" + UUID.randomUUID().toString().substring(0, 8);
        String feed = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        try (StateStore store = backend.open(dir)) {
            DeadLetterStore letters = new DeadLetterStore(store);
            List<Long> rejects = letters.add(List.of(
                    new DeadLetterStore.Entry(DeadLetter.REJECT, feed, "x.csv:3", "bad IP '999.1.1.1'", "3,999.1.1.1"),
                    new DeadLetterStore.Entry(DeadLetter.REJECT, feed, "x.csv:9", "empty value", "9,")));
            long delivery = letters.add(new DeadLetterStore.Entry(DeadLetter.FAILED_DELIVERY, partner, "signed-webhook:" + partner + "-0",
                    "WebhookException: connection refused", "{\"type\":\"bundle\"}"));
            long input = letters.add(new DeadLetterStore.Entry(DeadLetter.FAILED_INPUT, feed, "/in/.failed/" + feed + "/y.csv",
                    "no mapping", "/in/" + feed + "/y.csv"));

            assertThat(letters.list(new DeadLetterStore.Filter(DeadLetter.REJECT, feed, null), 100))
                    .extracting(DeadLetter::location).containsExactly("x.csv:3", "x.csv:9");
            DeadLetter row = letters.list(new DeadLetterStore.Filter(null, partner, DeadLetter.NEW), 100).get(0);
            assertThat(row.id()).isEqualTo(delivery);
            assertThat(row.reason()).isEqualTo("WebhookException: connection refused");
            assertThat(row.payload()).isEqualTo("{\"type\":\"bundle\"}");

            assertThatThrownBy(() -> letters.requestReplay(List.of(delivery, rejects.get(0)))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dead letter " + rejects.get(0) + " is a reject");
            assertThatThrownBy(() -> letters.requestReplay(List.of(-5L))).hasMessageContaining("no dead letter with id -5");
            assertThat(letters.byIds(List.of(delivery)).get(0).status()).as("nothing queued by a refused request").isEqualTo(DeadLetter.NEW);

            assertThat(letters.requestReplay(new DeadLetterStore.Filter(null, feed, null))).extracting(DeadLetter::id).containsExactly(input);
            assertThat(letters.requestReplay(List.of(delivery))).extracting(DeadLetter::status).containsExactly(DeadLetter.REPLAY_REQUESTED);
            assertThat(letters.replayRequested(1000)).extracting(DeadLetter::id).contains(delivery, input);

            letters.markReplayFailed(delivery, "WebhookException: HTTP 503");
            letters.markReplayed(input);
            assertThat(letters.byIds(List.of(delivery, input))).extracting(DeadLetter::status, DeadLetter::reason).containsExactly(
                    Tuple.tuple(DeadLetter.REPLAY_FAILED, "WebhookException: HTTP 503"),
                    Tuple.tuple(DeadLetter.REPLAYED, "no mapping"));
            assertThat(letters.requestReplay(new DeadLetterStore.Filter(null, partner, null))).as("a failed replay can be queued again")
                    .extracting(DeadLetter::id).containsExactly(delivery);
        }
    }
}

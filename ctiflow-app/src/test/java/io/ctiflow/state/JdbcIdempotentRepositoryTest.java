package io.ctiflow.state;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** IMAP UIDs (any idempotent consumer's keys) in the state store. */
class JdbcIdempotentRepositoryTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StateBackend.class)
    void aKeyIsAddedOnceRememberedAfterReopeningAndCanBeForgotten(StateBackend backend) {
        String repository = "imap-" + UUID.randomUUID().toString().substring(0, 8);
        String uid = "INBOX:1700000000:42";
        try (StateStore store = backend.open(dir)) {
            JdbcIdempotentRepository seen = new JdbcIdempotentRepository(store, repository);
            assertThat(seen.contains(uid)).isFalse();
            assertThat(seen.add(uid)).isTrue();
            assertThat(seen.add(uid)).as("second add of the same UID").isFalse();
            assertThat(new JdbcIdempotentRepository(store, repository + "-other").contains(uid)).as("repositories are separate").isFalse();
        }
        try (StateStore reopened = backend.open(dir)) {
            JdbcIdempotentRepository seen = new JdbcIdempotentRepository(reopened, repository);
            assertThat(seen.contains(uid)).isTrue();
            assertThat(seen.size()).isEqualTo(1);
            assertThat(seen.remove(uid)).isTrue();
            assertThat(seen.contains(uid)).isFalse();
            seen.add("a");
            seen.add("b");
            seen.clear();
            assertThat(seen.size()).isZero();
        }
    }
}

package io.ctiflow.state;

import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish ledger on H2 (a file, reopened to stand for a restart) and on PostgreSQL when
 * CTIFLOW_TEST_POSTGRES_URL names one: per destination and endpoint, a version (id + modified)
 * once recorded is skipped, a newer version of it is not, other endpoints are unaffected, and
 * batches larger than one IN (...) list work.
 */
class JdbcPublishLedgerTest {

    @TempDir
    Path tmp;

    private StateStore open(String backend) {
        return StateBackend.valueOf(backend.toUpperCase(Locale.ROOT)).open(tmp);
    }

    private static StixObject object(String id, String modified) {
        return StixObject.ofJson(id, "indicator", modified, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void recordedVersionsAreSkippedPerDestinationAndEndpoint(String backend) {
        String destination = "partner-" + UUID.randomUUID(); // isolates runs on a shared PostgreSQL
        List<StixObject> batch = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            batch.add(object("indicator--" + UUID.randomUUID(), "2026-01-01T00:00:00.000Z"));
        }
        StixObject sco = StixObject.ofJson("ipv4-addr--" + UUID.randomUUID(), "ipv4-addr", null, "{}".getBytes(StandardCharsets.UTF_8));
        batch.add(sco);
        try (StateStore store = open(backend)) {
            JdbcPublishLedger ledger = new JdbcPublishLedger(store);
            assertThat(ledger.unpublished(destination, "taxii:p-0", batch)).hasSize(batch.size());
            ledger.markPublished(destination, "taxii:p-0", batch.subList(0, 2000));
            ledger.markPublished(destination, "taxii:p-0", List.of(batch.get(0), sco)); // recorded twice: ignored
        }
        try (StateStore store = open(backend)) { // after a restart
            JdbcPublishLedger ledger = new JdbcPublishLedger(store);
            assertThat(ledger.unpublished(destination, "taxii:p-0", batch)).containsExactlyElementsOf(batch.subList(2000, 2500));
            assertThat(ledger.unpublished(destination, "signed-webhook:p-1", batch)).as("another endpoint").hasSize(batch.size());
            assertThat(ledger.unpublished("other-" + destination, "taxii:p-0", batch)).as("another destination").hasSize(batch.size());
            StixObject newer = object(batch.get(0).id(), "2026-02-01T00:00:00.000Z");
            assertThat(ledger.unpublished(destination, "taxii:p-0", List.of(newer, batch.get(1)))).containsExactly(newer);
        }
    }

    /**
     * Deliveries of different inputs to one endpoint record the same objects (ctiflow's identity, TLP definitions) at once,
     * in their bundles' orders. Recorded in that order, two transactions each held a row the other wanted until the lock
     * timeout failed one; and two that both found a version absent both inserted it, the second failing on the key.
     * Two writers recording the same new versions in opposite orders, round after round, all succeed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void concurrentDeliveriesOfSharedObjectsDoNotDeadlockOrCollide(String backend) throws Exception {
        String destination = "partner-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add("identity--" + UUID.randomUUID());
        }
        List<StixObject> everyVersion = new ArrayList<>();
        try (StateStore store = open(backend)) {
            JdbcPublishLedger ledger = new JdbcPublishLedger(store);
            ExecutorService writers = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                    String modified = String.format("2026-01-%02dT00:00:00.000Z", round + 1); // new versions: each round races to insert
                    List<StixObject> versions = ids.stream().map(id -> object(id, modified)).toList();
                    List<StixObject> reversed = new ArrayList<>(versions);
                    Collections.reverse(reversed);
                    everyVersion.addAll(versions);
                    done.add(writers.submit(() -> ledger.markPublished(destination, "signed-webhook:p-0", versions)));
                    done.add(writers.submit(() -> ledger.markPublished(destination, "signed-webhook:p-0", reversed)));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS); // a lock timeout or a key violation would throw here
                }
            } finally {
                writers.shutdownNow();
            }
            assertThat(ledger.unpublished(destination, "signed-webhook:p-0", everyVersion)).isEmpty();
        }
    }
}

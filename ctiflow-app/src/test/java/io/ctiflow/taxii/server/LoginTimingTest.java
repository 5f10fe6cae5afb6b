package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker timing failed logins cannot tell a user name that exists from one that does not: both
 * cost one PBKDF2 check. Medians of interleaved attempts, and a generous bound, so a busy 2-core
 * machine does not make it flaky; before the fix the ratio was about 0.03.
 */
class LoginTimingTest {

    private static final int ITERATIONS = 100_000; // about 50 ms per check: far above the HTTP round trip
    private static final int ATTEMPTS = 15;

    @TempDir
    Path tmp;

    @Test
    void anUnknownUserTakesAsLongAsAWrongPassword() {
        UUID collection = UUID.randomUUID();
        TaxiiServerConfig config = TaxiiServerConfig.of(StoreSettings.h2File(tmp.resolve("taxii")),
                List.of(new ApiRootConfig("api1", "API root", null, List.of(CollectionConfig.of(collection, "C", Set.of("alice"), Set.of("alice"))))),
                List.of(new UserConfig("alice", Passwords.hash("alice-pw".toCharArray(), ITERATIONS), null)));
        try (TaxiiServer server = TaxiiServer.start(config)) {
            TaxiiHttp http = new TaxiiHttp();
            String url = server.apiRootUrl("api1");
            String unknown = TaxiiTestServer.basic("mallory", "guess");
            String wrong = TaxiiTestServer.basic("alice", "guess");
            for (int i = 0; i < 3; i++) { // warm up both paths
                timedLogin(http, url, unknown);
                timedLogin(http, url, wrong);
            }
            List<Long> unknownNanos = new ArrayList<>();
            List<Long> wrongNanos = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                unknownNanos.add(timedLogin(http, url, unknown));
                wrongNanos.add(timedLogin(http, url, wrong));
            }
            double ratio = (double) median(unknownNanos) / median(wrongNanos);
            assertThat(ratio).as("median unknown user %d µs / median wrong password %d µs",
                    median(unknownNanos) / 1000, median(wrongNanos) / 1000).isBetween(0.5, 2.0);
        }
    }

    private static long timedLogin(TaxiiHttp http, String url, String authorization) {
        long start = System.nanoTime();
        assertThat(http.get(url, authorization).status()).isEqualTo(401);
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

package io.ctiflow.state;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * The databases the state store tests run against: H2 (a file in the test's temp folder) always,
 * PostgreSQL when {@code CTIFLOW_TEST_POSTGRES_URL} names one (skipped otherwise, with the reason).
 * Tests isolate themselves on a shared PostgreSQL with fresh keys and sources.
 */
enum StateBackend {
    H2, POSTGRESQL;

    static final String POSTGRES_URL_VARIABLE = "CTIFLOW_TEST_POSTGRES_URL";

    StateStore open(Path dir) {
        if (this == H2) {
            return StateStore.open(StateStore.h2Url(dir.resolve("state/ctiflow")), "sa", "");
        }
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "PostgreSQL run skipped: set " + POSTGRES_URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)");
        return StateStore.open(url, null, System.getenv("CTIFLOW_TEST_POSTGRES_PASSWORD"));
    }
}

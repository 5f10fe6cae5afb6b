package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.StoreSettings;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * The stores the server suite runs against: H2 (a file in the test's temp folder) always, and
 * PostgreSQL when {@code CTIFLOW_TEST_POSTGRES_URL} names one (.ci/run starts a throwaway cluster
 * and sets it). Tests isolate themselves on a shared PostgreSQL by using fresh collection ids.
 */
enum TaxiiBackend {
    H2, POSTGRESQL;

    static final String POSTGRES_URL_VARIABLE = "CTIFLOW_TEST_POSTGRES_URL";

    /** Why this backend cannot run here, or null. */
    String unavailable() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        return this == POSTGRESQL && (url == null || url.isBlank())
                ? "PostgreSQL run skipped: set " + POSTGRES_URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres); .ci/run does"
                : null;
    }

    StoreSettings store(Path dir) {
        if (this == H2) {
            return StoreSettings.h2File(dir.resolve("taxii"));
        }
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "PostgreSQL run skipped: set " + POSTGRES_URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5433/postgres?user=postgres); .ci/run does");
        return new StoreSettings(url, null, System.getenv("CTIFLOW_TEST_POSTGRES_PASSWORD"));
    }
}

package io.ctiflow.app.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@code ctiflow bench --e2e} on 2,000 indicators: the real runtime fills the embedded
 * TAXII collections with what the pipeline published, and the report has every stage. Not timed.
 */
class EndToEndBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void collectionsHoldWhatThePipelinePublishedAndTheReportNamesEveryStage() throws Exception {
        StringWriter text = new StringWriter();
        EndToEndBenchmark.Round round = EndToEndBenchmark.run(Path.of("").toAbsolutePath(), tmp, 2000, 1, new PrintWriter(text));
        check(round, text);
    }

    /** The same on PostgreSQL (--store-url) when CTIFLOW_TEST_POSTGRES_URL names one: a fresh schema per run, dropped afterwards. */
    @Test
    void onPostgresqlEveryRunStartsFromEmptyCollections() throws Exception {
        String pg = System.getenv("CTIFLOW_TEST_POSTGRES_URL");
        Assumptions.assumeTrue(pg != null && !pg.isBlank(), "PostgreSQL run skipped: CTIFLOW_TEST_POSTGRES_URL is not set");
        var store = new EndToEndBenchmark.ExternalStore(pg, null, System.getenv("CTIFLOW_TEST_POSTGRES_PASSWORD"));
        StringWriter text = new StringWriter();
        EndToEndBenchmark.Round round = EndToEndBenchmark.run(Path.of("").toAbsolutePath(), tmp, 2000, 1, store, new PrintWriter(text));
        check(round, text);
        assertThat(text.toString()).contains("store on PostgreSQL");
        try (var c = DriverManager.getConnection(pg, null, System.getenv("CTIFLOW_TEST_POSTGRES_PASSWORD"));
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name LIKE 'ctiflow_bench_%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("schemas left behind").isZero();
        }
    }

    private static void check(EndToEndBenchmark.Round round, StringWriter text) {
        EndToEndBenchmark.Run e2e = round.endToEnd();

        assertThat(e2e.records()).isEqualTo(2000);
        assertThat(e2e.rejects()).isZero();
        // one indicator per row, plus the identity and marking definitions each bundle carries
        assertThat(e2e.objects()).isGreaterThan(2000).isEqualTo(round.baseline().objects());
        // the shipped policies: every destination has an embedded-taxii endpoint, and URLhaus (TLP:CLEAR) goes to all of them
        assertThat(e2e.stored()).containsOnlyKeys("cert-eu", "ncsc-uk", "us-isac", "feed-vendor", "cn-partner").isEqualTo(e2e.expected());
        assertThat(e2e.stored().values()).allSatisfy(n -> assertThat(n).isGreaterThan(2000));
        e2e.stored().forEach((collection, n) -> assertThat(e2e.shared().get(collection)).as(collection).isGreaterThanOrEqualTo(n));
        assertThat(round.baseline().stored()).isEmpty();

        for (StageTimer.Stage stage : StageTimer.Stage.values()) {
            assertThat(text.toString()).contains(stage.label);
            if (stage != StageTimer.Stage.OTHER && stage != StageTimer.Stage.READ_MAP) {
                assertThat(e2e.stageNanos().get(stage)).as(stage.label).isPositive();
            }
        }
        assertThat(round.baseline().stageNanos().get(StageTimer.Stage.TAXII)).isZero();
        assertThat(round.baseline().stageNanos().get(StageTimer.Stage.FILTER)).isZero();
        // read + map runs on the read-ahead thread, or on the reading thread when it waits for it
        assertThat(e2e.stageNanos().get(StageTimer.Stage.READ_MAP) + e2e.readAheadCpuNanos()).isPositive();
        // the stages' exclusive times on the pipeline thread fit in the wall time
        assertThat(e2e.busyNanos()).isLessThanOrEqualTo(Math.round(e2e.seconds() * 1e9));
        assertThat(e2e.peakHeap()).isPositive();
        assertThat(text.toString()).contains("ratio", "peak heap", "objects/s");
    }
}

package io.ctiflow.app;

import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.taxii.server.ApiRootConfig;
import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.CollectionConfig;
import io.ctiflow.taxii.server.TaxiiServer;
import io.ctiflow.taxii.server.TaxiiServerConfig;
import io.ctiflow.taxii.server.UserConfig;
import io.ctiflow.taxii.store.StoreSettings;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.ctiflow.app.RuntimeTestSupport.drop;
import static io.ctiflow.app.RuntimeTestSupport.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files holding intelligence (bundles, shared bundles, dead letters, the audit log, the state store's
 * and the TAXII store's H2 files) and the folders ctiflow makes for them are not readable by other
 * users: owner-only by default, group-readable with ctiflow.files.mode=group-read. Real runs on real files.
 */
class IntelligenceFileModesTest extends CtiflowRouteTestSupport {

    private static final Path DATA = Path.of("ctiflow-app/src/test/resources/data/csv");

    @Override
    protected void setupResources() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Override
    protected void cleanupResources() {
        IntelligenceFiles.setMode(IntelligenceFiles.Mode.OWNER_ONLY);
    }

    @Test
    void aPipelineRunLeavesEveryIntelligenceFileOwnerOnlyByDefault() throws Exception {
        run();
        assertModes("rw-------", "rwx------");
    }

    @Test
    @TestProperties({"ctiflow.files.mode", "group-read"})
    void groupReadMakesThemReadableByTheGroupOnly() throws Exception {
        run();
        assertModes("rw-r-----", "rwxr-x---");
    }

    @Test
    void theStandaloneTaxiiServersH2FilesAreOwnerOnly() throws Exception {
        Path base = work.resolve("taxii").resolve("taxii");
        UUID collection = UUID.randomUUID();
        TaxiiServerConfig config = TaxiiServerConfig.of(StoreSettings.h2File(base),
                List.of(new ApiRootConfig("api1", "API root one", null,
                        List.of(CollectionConfig.of(collection, "Indicators", Set.of("publisher"), Set.of("publisher"))))),
                List.of(new UserConfig("publisher", null, ApiTokens.hash("a-long-random-token"))));
        try (TaxiiServer server = TaxiiServer.start(config)) {
            assertThat(mode(work.resolve("taxii"))).as("taxii/").isEqualTo("rwx------");
            assertThat(files(work.resolve("taxii"))).as("H2 files").isNotEmpty()
                    .anySatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo("taxii.mv.db"))
                    .allSatisfy(f -> assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------"));
        }
    }

    /** Feeds with bad rows through the real routes: bundles, shared bundles, dead letters, audit and state store all exist. */
    private void run() throws Exception {
        NotifyBuilder done = whenDone("csv-files-to-stix-files", 2);
        Path inbox = work.resolve("inbox");
        drop(DATA.resolve("urlhaus-recent-test-rows.csv"), inbox, "urlhaus/csv_recent.csv");
        drop(DATA.resolve("abusech-feodotracker-ipblocklist.csv"), inbox, "feodotracker/ipblocklist.csv");
        assertDone(done);
        assertThat(files(inbox.resolve(".done"))).hasSize(2);
    }

    private void assertModes(String file, String dir) throws IOException {
        for (String folder : List.of("stix", "share", "deadletter", "audit", "state")) {
            Path root = work.resolve(folder);
            List<Path> found = files(root);
            assertThat(found).as(folder + " holds files").isNotEmpty();
            assertThat(found).allSatisfy(f -> assertThat(mode(f)).as(f.toString()).isEqualTo(file));
            assertThat(mode(root)).as(folder + "/").isEqualTo(dir);
            for (Path f : found) {
                for (Path d = f.getParent(); d.startsWith(root); d = d.getParent()) {
                    assertThat(mode(d)).as(d.toString()).isEqualTo(dir);
                }
            }
        }
        assertThat(work.resolve("deadletter/urlhaus.jsonl")).exists();
        assertThat(work.resolve("audit/decisions.jsonl")).exists();
        assertThat(work.resolve("state/ctiflow.mv.db")).exists();
        assertThat(files(work.resolve("share"))).isNotEmpty();
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

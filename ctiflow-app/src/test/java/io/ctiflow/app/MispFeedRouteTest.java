package io.ctiflow.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.state.CheckpointStore;
import io.ctiflow.state.FileCheckpointStore;
import io.ctiflow.state.JdbcCheckpointStore;
import io.ctiflow.state.StateStore;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.ctiflow.app.RuntimeTestSupport.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** routes/misp-feed-to-stix-files.camel.yaml under camel-main: a real MISP feed folder becomes one bundle per event, once. */
@CtiflowRouteTestSupport.TestProperties({"ctiflow.misp-feed.enabled", "true", "ctiflow.misp-feed.name", "chrome-mal-ids",
        "ctiflow.misp-feed.delay", "100"})
class MispFeedRouteTest extends CtiflowRouteTestSupport {

    private static final Path FEED = Path.of("ctiflow-app/src/test/resources/data/misp/feed-chrome-mal-ids").toAbsolutePath();
    private static final String ROUTE = "misp-feed-to-stix-files";

    @Override
    protected Map<String, String> properties() {
        return Map.of("ctiflow.misp-feed.url", FEED.toString());
    }

    /** The feed is read as soon as the route starts: the NotifyBuilder is made before the context starts. */
    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void feedEventsBecomeValidBundlesAndARestartFetchesNothingAgain() throws Exception {
        NotifyBuilder events = whenDone(ROUTE, 6);
        context.start();
        assertDone(events);
        assertThat(files(work.resolve("stix"))).hasSize(6);
        List<Path> bundles = files(work.resolve("stix"));
        assertThat(bundles).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("chrome-mal-ids-event-[0-9a-f-]{36}-\\d+-00001\\.json"));
        for (Path bundle : bundles) {
            StixAssertions.assertValidBundle(Stix.mapper().readTree(bundle.toFile()), bundle.toString());
        }
        FeedStats stats = bean("feedStats", FeedStats.class);
        assertThat(stats.of("chrome-mal-ids").batches.sum()).isEqualTo(6);

        restart();
        context.start();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> files(work.resolve("stix")).size() == 6);
        FeedStats again = bean("feedStats", FeedStats.class);
        assertThat(again.of("chrome-mal-ids").batches.sum()).as("events fetched again after a restart").isZero();
        // the checkpoint is a row of the state store (<work>/state/ctiflow.mv.db), not a file
        assertThat(checkpoint()).isPresent();
        assertThat(work.resolve("state/misp-feed.chrome-mal-ids.json")).doesNotExist();
    }

    @Test
    void anUpgradeFromFileCheckpointsFetchesNothingAgain() throws Exception {
        NotifyBuilder events = whenDone(ROUTE, 6);
        context.start();
        assertDone(events);
        // the consumer saves its checkpoint after each exchange, a moment after the bundle file: wait for all six events in it
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpoint().map(c -> c.path("events").size()).orElse(0) == 6);
        assertThat(files(work.resolve("stix"))).hasSize(6);
        context.stop();
        // read after the stop: the consumer saves its checkpoint after the exchange, a moment after the bundle file
        ObjectNode saved;
        try (StateStore store = StateStore.open(
                StateStore.h2Url(work.resolve("state/ctiflow")), "", "")) {
            saved = new JdbcCheckpointStore(store).load("misp-feed.chrome-mal-ids").orElseThrow();
        }
        // what an earlier version left: the checkpoint as a file in <work>/state, no state store
        try (Stream<Path> db = Files.list(work.resolve("state"))) {
            for (Path f : db.filter(f -> f.getFileName().toString().startsWith("ctiflow.")).toList()) {
                Files.delete(f);
            }
        }
        new FileCheckpointStore(work.resolve("state")).save("misp-feed.chrome-mal-ids", saved);

        restart();
        context.start();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> files(work.resolve("stix")).size() == 6);
        FeedStats again = bean("feedStats", FeedStats.class);
        assertThat(again.of("chrome-mal-ids").batches.sum()).as("events fetched again after the upgrade").isZero();
        assertThat(checkpoint().map(Object::toString)).contains(saved.toString());
    }

    private Optional<ObjectNode> checkpoint() {
        return bean("checkpointStore", CheckpointStore.class).load("misp-feed.chrome-mal-ids");
    }

    @Test
    @TestProperties({"ctiflow.misp-feed.delay", "200", "ctiflow.remote.retries", "0"})
    void anEventThatCannotBeWrittenIsRecordedAndFetchedAgainOnceTheOutputWorks() throws Exception {
        Path blocked = work.resolve("stix");
        Files.writeString(blocked, "a file where the output folder should be");
        NotifyBuilder failed = whenFailed(ROUTE, 6);
        context.start();
        assertDone(failed);
        assertThat(RuntimeTestSupport.jsonLines(work.resolve("deadletter/failed-inputs.jsonl"))).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(f -> assertThat(f.path("input").asText()).startsWith("misp-feed " + FEED));
        context.stop();

        Files.delete(blocked);
        restart();
        NotifyBuilder events = whenDone(ROUTE, 6);
        context.start();
        assertDone(events);
        assertThat(files(work.resolve("stix"))).hasSize(6);
    }
}

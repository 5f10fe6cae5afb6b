package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.sink.WebhookReceiver;
import io.ctiflow.state.DeadLetter;
import io.ctiflow.state.DeadLetterStore;
import io.ctiflow.stix.Stix;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.ctiflow.app.RuntimeTestSupport.drop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters in the state store, end to end on the real runtime: `ctiflow dead-letter list` shows a
 * failed delivery and a failed input with their reasons; `replay` queues them and the running
 * ctiflow re-sends the delivery to the partner (down before, up now) and reprocesses the input file.
 */
class DeadLetterReplayTest extends CtiflowRouteTestSupport {

    private static final String SECRET = "test-webhook-secret-not-a-secret";
    private static final String INBOX_ROUTE = "csv-files-to-stix-files";

    @TempDir
    Path tmp;

    private WebhookReceiver partner;

    /** A partner that is down, named by a copy of the policies ({@code test.policies}); a copy of the mappings to fix ({@code test.mappings}). */
    @Override
    protected void setupResources() throws Exception {
        partner = WebhookReceiver.down(SECRET);
        Path policies = tmp.resolve("policies");
        Files.createDirectories(policies);
        for (String f : List.of("jurisdictions.yaml", "sources.yaml", "policy.yaml")) {
            Files.copy(Path.of("policies", f), policies.resolve(f));
        }
        Files.writeString(policies.resolve("destinations.yaml"), Files.readString(Path.of("policies/destinations.yaml"))
                .replace("      - {kind: embedded-taxii, collection: ncsc-uk, tls: true}\n",
                        "      - {kind: webhook, url: \"" + partner.url() + "\", secret_env: CTIFLOW_TEST_WEBHOOK_SECRET}\n"));
        copyTree(Path.of("mappings"), tmp.resolve("mappings"));
    }

    @Override
    protected void cleanupResources() {
        partner.close();
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("test.policies", tmp.resolve("policies").toString(), "test.mappings", tmp.resolve("mappings").toString());
    }

    /** Each test makes its NotifyBuilders, then starts the context. */
    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    @TestProperties({"ctiflow.policies", "{{test.policies}}", "CTIFLOW_TEST_WEBHOOK_SECRET", SECRET,
            "ctiflow.dead-letter.replay-interval", "200", "ctiflow.delivery.retries", "0"})
    void aDeliveryToAPartnerThatWasDownIsReplayedOnceItIsUp() throws Exception {
        NotifyBuilder done = whenDone(INBOX_ROUTE, 1);
        context.start();
        drop(Path.of("ctiflow-app/src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv"), work.resolve("inbox"), "feodotracker/ipblocklist.csv");
        Path failedDeliveries = work.resolve("deadletter/failed-deliveries.jsonl");
        assertDone(done, 60); // the webhook sink's own retries of the partner that is down come first

        assertThat(RuntimeTestSupport.jsonLines(failedDeliveries)).isNotEmpty();
        JsonNode line = RuntimeTestSupport.jsonLines(failedDeliveries).get(0);
        assertThat(line.path("endpoint").asText()).isEqualTo("signed-webhook:ncsc-uk-0");

        // the CLI shows it, with the same reason as the JSON-lines file
        String listed = cli("dead-letter", "list", "--work", work.toString(), "--kind", "failed-delivery");
        assertThat(listed).contains("ncsc-uk", "new", line.path("reason").asText());
        List<JsonNode> rows = jsonLines(cli("dead-letter", "list", "--work", work.toString(), "--source", "ncsc-uk", "--json"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("location").asText()).isEqualTo("signed-webhook:ncsc-uk-0");
        long id = rows.get(0).path("id").asLong();

        // replayed while the partner is still down: replay-failed, with the reason of that attempt
        DeadLetterStore store = bean("deadLetterStore", DeadLetterStore.class);
        cli("dead-letter", "replay", "--work", work.toString(), Long.toString(id));
        await().atMost(Duration.ofSeconds(60)).until(() -> store.byIds(List.of(id)).get(0).status().equals(DeadLetter.REPLAY_FAILED));
        assertThat(store.byIds(List.of(id)).get(0).reason()).isNotBlank();
        assertThat(RuntimeTestSupport.jsonLines(failedDeliveries)).as("the failed attempt is logged, not a new row").hasSize(2);
        assertThat(store.list(new DeadLetterStore.Filter(DeadLetter.FAILED_DELIVERY, "ncsc-uk", null), 100)).hasSize(1);

        partner.up();
        assertThat(cli("dead-letter", "replay", "--work", work.toString(), "--all", "--source", "ncsc-uk"))
                .contains("queued " + id + " failed-delivery ncsc-uk signed-webhook:ncsc-uk-0", "the running ctiflow replays them");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.byIds(List.of(id)).get(0).status().equals(DeadLetter.REPLAYED));
        assertThat(partner.deliveries()).hasSize(1);
        JsonNode bundle = partner.deliveries().get(0).bundle();
        assertThat(bundle.path("objects").size()).isEqualTo(line.path("objects").asInt()).isGreaterThan(10);
        assertThat(bundle.toString()).as("ncsc-uk's policy strips provenance").doesNotContain("\"source_record\"");
        assertThat(RuntimeTestSupport.jsonLines(failedDeliveries)).as("no new failure").hasSize(2);
    }

    @Test
    @TestProperties({"ctiflow.mappings", "{{test.mappings}}", "ctiflow.share.enabled", "false", "ctiflow.dead-letter.replay-interval", "200"})
    void aFailedInputIsReprocessedAfterTheFixWhenReplayed() throws Exception {
        Path mappings = tmp.resolve("mappings");
        NotifyBuilder failed = whenFailed(INBOX_ROUTE, 1);
        context.start();
        Path inbox = work.resolve("inbox");
        drop(Path.of("ctiflow-app/src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv"), inbox, "partner-c2/ipblocklist.csv");
        assertDone(failed);
        assertThat(RuntimeTestSupport.files(inbox.resolve(".failed"))).hasSize(1);
        context.stop();

        List<JsonNode> rows = jsonLines(cli("dead-letter", "list", "--work", work.toString(), "--kind", "failed-input", "--json"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("source").asText()).isEqualTo("partner-c2");
        assertThat(rows.get(0).path("location").asText()).isEqualTo(inbox.resolve(".failed/partner-c2/ipblocklist.csv").toString());
        assertThat(rows.get(0).path("reason").asText()).contains("partner-c2");
        long id = rows.get(0).path("id").asLong();

        // the fix: a mapping for that feed, deployed with a restart; then the replay
        Files.writeString(mappings.resolve("csv/partner-c2.yaml"),
                Files.readString(mappings.resolve("csv/feodotracker.yaml")).replace("mapping: feodotracker", "mapping: partner-c2"));
        assertThat(cli("dead-letter", "replay", "--work", work.toString(), "--all", "--kind", "failed-input"))
                .contains("queued " + id + " failed-input partner-c2");
        restart();
        NotifyBuilder done = whenDone(INBOX_ROUTE, 1);
        context.start();
        assertDone(done);
        assertThat(RuntimeTestSupport.files(inbox.resolve(".done"))).hasSize(1);
        assertThat(RuntimeTestSupport.files(work.resolve("stix"))).isNotEmpty();
        assertThat(RuntimeTestSupport.files(inbox.resolve(".failed"))).isEmpty();
        DeadLetterStore store = bean("deadLetterStore", DeadLetterStore.class);
        assertThat(store.byIds(List.of(id)).get(0).status()).isEqualTo(DeadLetter.REPLAYED);
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CtiflowCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("ctiflow " + String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }

    private static List<JsonNode> jsonLines(String text) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : text.lines().toList()) {
            nodes.add(Stix.mapper().readTree(l));
        }
        return nodes;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}

package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.policy.AuditLog;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyStats;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.validation.StixValidator;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ctiflow demo}: the embedded default pipeline on examples/. Drops the example feeds into
 * a fresh inbox, runs the real routes until every file is processed, checks the bundles and
 * prints what happened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the default pipeline on the example feeds in examples/feeds/<feed>/ and the MISP feed in",
                "examples/misp-feed/: CSV feeds -> mapping files -> common taxonomy -> STIX 2.1 bundle files,",
                "MISP events -> mappings/misp -> STIX 2.1 bundle files, rejects to the dead letter."})
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    /** The endpoint name (and feed name in the summary) of the example MISP feed. */
    static final String MISP_FEED = "misp-feed-example";

    @Option(names = "--work", paramLabel = "<dir>", description = "Work directory (default: work/demo under the ctiflow home). Emptied first.")
    Path work;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "120", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--serve", description = "Keep the embedded TAXII server running after the demo, to browse it, until Ctrl-C.")
    boolean serve;

    @Option(names = "--taxii-port", paramLabel = "<port>", defaultValue = "0",
            description = "Port of the embedded TAXII server (default: a free one).")
    int taxiiPort;

    @Spec
    CommandSpec spec;

    /** The demo's TAXII reader: a fresh password per run, printed once, never stored in clear. */
    private static final String TAXII_USER = "demo";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = CtiflowHome.get();
        Path examples = home.resolve("examples/feeds");
        if (!Files.isDirectory(examples)) {
            throw new IllegalStateException("no example feeds in " + examples);
        }
        Path workDir = (work != null ? work : home.resolve("work/demo")).toAbsolutePath().normalize();
        deleteTree(workDir);
        int inputs = stageExamples(examples, workDir.resolve("inbox"));

        Path mispFeed = home.resolve("examples/misp-feed");
        int mispEvents = Files.isRegularFile(mispFeed.resolve("manifest.json"))
                ? Stix.mapper().readTree(mispFeed.resolve("manifest.json").toFile()).size() : 0;
        String taxiiPassword = io.ctiflow.taxii.server.ApiTokens.newToken().substring(0, 16);
        // cert-eu also receives through a webhook: the demo plays the partner's signed receiver
        String webhookSecret = io.ctiflow.taxii.server.ApiTokens.newToken();
        DemoWebhookReceiver receiver = new DemoWebhookReceiver(workDir.resolve("webhook-received/cert-eu"), webhookSecret);
        Path policies = demoPolicies(home.resolve("policies"), workDir.resolve("policies"), receiver.url());
        Map<String, String> overrides = new java.util.HashMap<>(Map.of("ctiflow.policies", policies.toString(),
                WEBHOOK_SECRET_NAME, webhookSecret));
        overrides.putAll(Map.of("ctiflow.work", workDir.toString(), "ctiflow.inbox.delay", "100",
                "ctiflow.misp-feed.enabled", Boolean.toString(mispEvents > 0), "ctiflow.misp-feed.name", MISP_FEED,
                "ctiflow.misp-feed.url", mispFeed.toString(), "ctiflow.taxii.server.enabled", "true",
                "ctiflow.taxii.server.port", Integer.toString(taxiiPort), "ctiflow.taxii.server.admin-user", TAXII_USER,
                "ctiflow.taxii.server.admin-password-hash", io.ctiflow.taxii.server.Passwords.hash(taxiiPassword.toCharArray(), 10_000)));
        Main main = CtiflowRuntime.create(home, null, overrides);
        out.printf("ctiflow demo: %d example feed files from %s, %d MISP events from the feed in %s%n", inputs,
                home.relativize(examples), mispEvents, home.relativize(mispFeed));
        long started = System.nanoTime();
        main.start();
        try {
            awaitInbox(main, workDir.resolve("inbox"), inputs);
            FeedStats stats = main.getCamelContext().getRegistry().lookupByNameAndType("feedStats", FeedStats.class);
            awaitMispFeed(main, stats, mispEvents);
            double seconds = (System.nanoTime() - started) / 1e9;
            int result = report(out, stats, workDir, seconds) | sharing(out, main, workDir) | taxii(out, main, taxiiPassword)
                    | webhook(out, receiver, workDir);
            if (serve) {
                out.println("serving the TAXII collections until Ctrl-C");
                out.flush();
                Thread.currentThread().join();
            }
            return result;
        } finally {
            main.stop();
            receiver.close();
        }
    }

    /** Per destination: what the jurisdiction filter shared, redacted and withheld, and whether every shared bundle is valid. */
    private int sharing(PrintWriter out, Main main, Path workDir) throws IOException {
        var registry = main.getCamelContext().getRegistry();
        Policy policy = registry.lookupByNameAndType("policy", Policy.class);
        PolicyStats policyStats = registry.lookupByNameAndType("policyStats", PolicyStats.class);
        registry.lookupByNameAndType("auditLog", AuditLog.class).flush();
        Path share = workDir.resolve("share");
        StixValidator validator = new StixValidator();
        long invalid = 0;
        out.printf("%n%-14s %-4s %-8s %-16s %8s %8s %8s %8s  %s%n", "destination", "jur.", "trust", "max TLP", "shared", "redacted", "withheld", "bundles",
                "withheld by rule");
        for (Destination d : policy.destinations()) {
            List<Path> bundles = listFiles(share.resolve(d.id()));
            for (Path bundle : bundles) {
                if (StixValidator.hasErrors(validator.validate(Stix.mapper().readTree(bundle.toFile())))) {
                    invalid++;
                    out.println("INVALID shared bundle: " + bundle);
                }
            }
            out.printf("%-14s %-4s %-8s %-16s %8d %8d %8d %8d  %s%n", d.id(), d.jurisdiction(), d.trustName(), d.maxTlp().label(),
                    policyStats.count(d.id(), Outcome.SHARED), policyStats.count(d.id(), Outcome.REDACTED), policyStats.count(d.id(), Outcome.WITHHELD),
                    bundles.size(), policyStats.withheldByRule(d.id()));
        }
        out.printf("shared bundles in %s/<destination>/, every decision in %s (try: ctiflow explain -d <destination> <bundle>)%n",
                share, workDir.resolve("audit/decisions.jsonl"));
        out.flush();
        return invalid > 0 ? CtiflowCli.EXIT_PROBLEMS : 0;
    }

    /** The environment variable (or, in the demo, property) the demo's webhook endpoint names for its shared secret. */
    private static final String WEBHOOK_SECRET_NAME = "CTIFLOW_DEMO_WEBHOOK_SECRET";

    /** The shipped policies, with a webhook endpoint for cert-eu pointing at the demo's receiver. */
    private static Path demoPolicies(Path shipped, Path target, String webhookUrl) throws IOException {
        Files.createDirectories(target);
        for (String f : io.ctiflow.policy.PolicyLoader.FILES) {
            Files.copy(shipped.resolve(f), target.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String destinations = Files.readString(target.resolve("destinations.yaml"));
        String certEu = "      - {kind: embedded-taxii, collection: cert-eu, tls: true}\n";
        if (!destinations.contains(certEu)) {
            throw new IllegalStateException("policies/destinations.yaml: the demo adds a webhook after cert-eu's embedded-taxii endpoint, which is gone");
        }
        Files.writeString(target.resolve("destinations.yaml"), destinations.replace(certEu,
                certEu + "      - {kind: webhook, url: \"" + webhookUrl + "\", secret_env: " + WEBHOOK_SECRET_NAME + "}\n"));
        return target;
    }

    /** What the partner's webhook receiver got: bundles with a valid signature, nothing rejected. */
    private static int webhook(PrintWriter out, DemoWebhookReceiver receiver, Path workDir) {
        out.printf("%nwebhook (cert-eu, signed with HMAC-SHA-256): %d bundles, %d objects received at %s, %d rejected; kept in %s%n",
                receiver.bundles(), receiver.objects(), receiver.url(), receiver.rejected(), workDir.resolve("webhook-received/cert-eu"));
        out.flush();
        return receiver.bundles() > 0 && receiver.rejected() == 0 ? 0 : CtiflowCli.EXIT_PROBLEMS;
    }

    /** What each destination's collection of the embedded TAXII server holds, read back over TAXII with the demo's credentials. */
    private int taxii(PrintWriter out, Main main, String password) {
        EmbeddedTaxii taxii = main.getCamelContext().getRegistry().lookupByNameAndType("embeddedTaxii", EmbeddedTaxii.class);
        out.printf("%nembedded TAXII 2.1 server: %s  (user %s, password %s)%n", taxii.discoveryUrl(), TAXII_USER, password);
        int result = 0;
        for (Map.Entry<String, String> c : taxii.collections().entrySet()) {
            io.ctiflow.taxii.client.TaxiiConfiguration config = new io.ctiflow.taxii.client.TaxiiConfiguration();
            config.setUrl(taxii.apiRootUrl());
            config.setCollection(c.getValue());
            config.setUsername(TAXII_USER);
            config.setPassword(password);
            io.ctiflow.taxii.client.TaxiiClient client = new io.ctiflow.taxii.client.TaxiiClient(config);
            io.ctiflow.taxii.client.CollectionReader.Summary read = new io.ctiflow.taxii.client.CollectionReader(client, 1000)
                    .read(io.ctiflow.taxii.client.PollPosition.startingAfter(null), page -> true, () -> true);
            out.printf("  collection %-10s %6d objects  %s%n", c.getValue(), read.objects(), client.collection());
            if (read.stoppedBecause() != null) {
                out.println("  reading it stopped: " + read.stoppedBecause());
                result = CtiflowCli.EXIT_PROBLEMS;
            }
        }
        out.println("browse: curl -u " + TAXII_USER + ":<password> -H 'Accept: application/taxii+json;version=2.1' " + taxii.discoveryUrl()
                + (serve ? "" : "  (run with --serve to keep the server up)"));
        out.flush();
        return result;
    }

    private int report(PrintWriter out, FeedStats stats, Path workDir, double seconds) throws IOException {
        long records = 0;
        long objects = 0;
        long rejects = 0;
        long failed = 0;
        out.printf("%n%-28s %8s %8s %8s %8s%n", "feed", "records", "objects", "bundles", "rejects");
        for (Map.Entry<String, FeedStats.Counts> e : stats.all().entrySet()) {
            FeedStats.Counts c = e.getValue();
            out.printf("%-28s %8d %8d %8d %8d%n", e.getKey(), c.records.sum(), c.objects.sum(), c.bundles.sum(), c.rejects.sum());
            records += c.records.sum();
            objects += c.objects.sum();
            rejects += c.rejects.sum();
            failed += c.failedInputs.sum();
        }
        out.printf("%-28s %8d %8d %8s %8d%n", "total", records, objects, "", rejects);
        if (rejects > 0) {
            out.println("\nrejected records, by reason:");
            stats.all().forEach((feed, c) -> c.rejectReasons.forEach((reason, n) -> out.printf("  %-28s %4d  %s%n", feed, n.sum(), reason)));
        }
        Path outbox = workDir.resolve("stix");
        List<Path> bundles = listFiles(outbox);
        long invalid = 0;
        StixValidator validator = new StixValidator();
        for (Path bundle : bundles) {
            JsonNode doc = Stix.mapper().readTree(bundle.toFile());
            if (StixValidator.hasErrors(validator.validate(doc))) {
                invalid++;
                out.println("INVALID bundle: " + bundle);
            }
        }
        out.printf("%n%d bundle files in %s, %d invalid (checked with ctiflow validate)%n", bundles.size(), outbox, invalid);
        out.printf("dead letters in %s%n", workDir.resolve("deadletter"));
        if (failed > 0) {
            out.printf("%d input files failed: see %s%n", failed, workDir.resolve("deadletter/failed-inputs.jsonl"));
        }
        out.printf("done in %.1f s%n", seconds);
        out.flush();
        return invalid > 0 || failed > 0 ? CtiflowCli.EXIT_PROBLEMS : 0;
    }

    /** Waits until the inbox route has moved every input to .done or .failed and nothing is in flight. */
    private void awaitInbox(Main main, Path inbox, int inputs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (finished(inbox) < inputs || main.getCamelContext().getInflightRepository().size() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo did not finish within " + timeoutSeconds + " s; see " + inbox);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until every event of the example MISP feed was written or set aside. */
    private void awaitMispFeed(Main main, FeedStats stats, int events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        FeedStats.Counts feed = stats.of(MISP_FEED);
        while (feed.batches.sum() + feed.failedInputs.sum() < events || main.getCamelContext().getInflightRepository().size() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo's MISP feed did not finish within " + timeoutSeconds + " s");
            }
            Thread.sleep(50);
        }
    }

    private static long finished(Path inbox) throws IOException {
        long n = 0;
        for (String done : List.of(".done", ".failed")) {
            Path dir = inbox.resolve(done);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    n += s.filter(Files::isRegularFile).count();
                }
            }
        }
        return n;
    }

    private static int stageExamples(Path examples, Path inbox) throws IOException {
        int count = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(examples)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            Path target = inbox.resolve(examples.relativize(file).toString());
            Files.createDirectories(target.getParent());
            // copy under a dot name, then rename: the inbox route never sees a half-written file
            Path temp = target.resolveSibling("." + target.getFileName());
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            count++;
        }
        return count;
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

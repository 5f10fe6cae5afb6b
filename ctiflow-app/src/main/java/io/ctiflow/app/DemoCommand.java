package io.ctiflow.app;

import io.ctiflow.console.ConsoleServer;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.feed.Mappings;
import io.ctiflow.ops.ManagementServer;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.runtime.CtiflowRuntime;
import io.ctiflow.runtime.EmbeddedTaxii;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.Passwords;
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
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
/**
 * {@code ctiflow demo}: the whole product on embedded defaults. Drops the example feeds (CSV and a
 * vendor's JSON export) into a fresh inbox, points the MISP feed route at examples/misp-feed and
 * the IMAP route at an embedded mailbox holding examples/mail, runs the real routes (mapping,
 * jurisdiction filter, embedded TAXII server, files, a signed webhook) until every input is
 * processed, prints what each source produced and what each destination received, then stays up
 * until Ctrl-C ({@code --once}: exits).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on embedded defaults: the example feeds in examples/feeds/<feed>/ (CSV and JSON),",
                "the MISP feed in examples/misp-feed/ and the mails of examples/mail/ in an embedded IMAP mailbox -> mapping files ->",
                "STIX 2.1 -> jurisdiction filter per destination in policies/ -> the embedded TAXII 2.1 server (a collection per",
                "destination), bundle files and a signed webhook. Prints a table per source and per destination, then keeps running",
                "(more files dropped into the inbox are processed) until Ctrl-C; --once exits when every input is processed.",
                "Exit code 0, or 1 when a bundle is invalid or an input failed."})
final class DemoCommand implements Callable<Integer> {

    /** The endpoint name (and feed name in the summary) of the example MISP feed. */
    static final String MISP_FEED = "misp-feed-example";
    /** Printed once every input is processed, when the demo stays up. */
    static final String RUNNING = "ctiflow demo is running; Ctrl-C to stop";

    @Option(names = "--work", paramLabel = "<dir>", description = "Work directory (default: work/demo under the ctiflow home). Emptied first.")
    Path work;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "120",
            description = "Give up when the example inputs are not processed within this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--once", description = "Exit once every example input is processed (default: keep running until Ctrl-C).")
    boolean once;

    @Option(names = "--taxii-port", paramLabel = "<port>", defaultValue = "0",
            description = "Port of the embedded TAXII server (default: a free one).")
    int taxiiPort;

    @Spec
    CommandSpec spec;

    /** Ctrl-C and SIGTERM stop the demo through this (tests call its stop() the same way). */
    final UntilStopped running = new UntilStopped(Duration.ofSeconds(60));

    /** The demo's TAXII reader: a fresh password per run, printed once, never stored in clear. */
    static final String TAXII_USER = "demo";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        running.onShutdownSignal();
        try {
            return demo(out);
        } finally {
            if (!once) {
                out.println("ctiflow demo stopped");
                out.flush();
            }
            running.close();
        }
    }

    private int demo(PrintWriter out) throws Exception {
        Path home = CtiflowHome.get();
        Path examples = home.resolve("examples/feeds");
        if (!Files.isDirectory(examples)) {
            throw new IllegalStateException("no example feeds in " + examples);
        }
        Path workDir = (work != null ? work : home.resolve("work/demo")).toAbsolutePath().normalize();
        deleteTree(workDir);
        Map<String, String> sourceKinds = new TreeMap<>();
        Map<String, Integer> staged = stageExamples(examples, workDir.resolve("inbox"), sourceKinds);
        int inputs = staged.values().stream().mapToInt(Integer::intValue).sum();

        Path mispFeed = home.resolve("examples/misp-feed");
        int mispEvents = Files.isRegularFile(mispFeed.resolve("manifest.json"))
                ? Stix.mapper().readTree(mispFeed.resolve("manifest.json").toFile()).size() : 0;
        sourceKinds.put(MISP_FEED, "misp feed");
        String taxiiPassword = ApiTokens.newToken().substring(0, 16);
        DemoConsoleUsers consoleUsers = DemoConsoleUsers.generate();
        // cert-eu also receives through a webhook: the demo plays the partner's signed receiver
        String webhookSecret = ApiTokens.newToken();
        Path mailExamples = home.resolve("examples/mail");
        try (DemoWebhookReceiver receiver = new DemoWebhookReceiver(workDir.resolve("webhook-received/cert-eu"), webhookSecret);
             DemoMailbox mailbox = DemoMailbox.start(mailExamples)) {
            Path policies = demoPolicies(home.resolve("policies"), workDir.resolve("policies"), receiver.url());
            Map<String, String> overrides = new HashMap<>(Map.of("ctiflow.policies", policies.toString(),
                    WEBHOOK_SECRET_NAME, webhookSecret));
            overrides.putAll(Map.of("ctiflow.work", workDir.toString(), "ctiflow.inbox.delay", "100",
                    "ctiflow.misp-feed.enabled", Boolean.toString(mispEvents > 0), "ctiflow.misp-feed.name", MISP_FEED,
                    "ctiflow.misp-feed.url", mispFeed.toString(), "ctiflow.taxii.server.enabled", "true",
                    "ctiflow.taxii.server.port", Integer.toString(taxiiPort), "ctiflow.taxii.server.admin-user", TAXII_USER,
                    "ctiflow.taxii.server.admin-password-hash", Passwords.hash(taxiiPassword.toCharArray(), 10_000)));
            // the mailbox's password exists only in memory: an override, never a file
            overrides.putAll(Map.of("ctiflow.imap.enabled", Boolean.toString(mailbox.mails() > 0), "ctiflow.imap.protocol", "imap",
                    "ctiflow.imap.host", "127.0.0.1", "ctiflow.imap.port", Integer.toString(mailbox.port()),
                    "ctiflow.imap.user", DemoMailbox.USER, "ctiflow.imap.password", mailbox.password(),
                    "ctiflow.imap.initial-delay", "0", "ctiflow.imap.delay", "1000"));
            // health and Prometheus metrics of the running demo, on a free port (printed below)
            overrides.putAll(Map.of("ctiflow.management.enabled", "true", "ctiflow.management.port", "0"));
            overrides.putAll(consoleUsers.overrides());
            // the console's policy page compares the demo's policy with the shipped one an operator would edit
            overrides.put("ctiflow.console.policy-candidate", home.resolve("policies").toString());
            Main main = CtiflowRuntime.create(home, null, overrides);
            out.printf("ctiflow demo: %d feed files (%d CSV, %d JSON) from %s, %d MISP events from the feed in %s, %d mails from %s in the mailbox %s%n",
                    inputs, staged.getOrDefault("csv", 0), staged.getOrDefault("json", 0), home.relativize(examples), mispEvents,
                    home.relativize(mispFeed), mailbox.mails(), home.relativize(mailExamples), mailbox.url());
            out.flush();
            long started = System.nanoTime();
            main.start();
            try {
                FeedStats stats = main.getCamelContext().getRegistry().lookupByNameAndType("feedStats", FeedStats.class);
                String mailSource = main.getCamelContext().getPropertiesComponent().resolveProperty("ctiflow.mail.source").orElse("mail");
                sourceKinds.put(mailSource, "imap");
                Drained drained = new Drained(main, stats, workDir.resolve("inbox"), inputs, mispEvents, mailSource, mailbox.mails());
                if (!awaitDrained(drained)) {
                    out.println("stopped before every input was processed");
                    return CtiflowCli.EXIT_PROBLEMS;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                int result = DemoSummary.report(out, stats, sourceKinds, workDir, seconds);
                Map<String, Long> collections = new TreeMap<>();
                result |= DemoSummary.readCollections(main, taxiiPassword, collections);
                result |= DemoSummary.sharing(out, main, workDir, collections);
                DemoSummary.taxii(out, main, taxiiPassword, collections);
                result |= DemoSummary.webhook(out, receiver, workDir);
                if (!once) {
                    printRunning(out, main, workDir, mailbox, consoleUsers);
                    running.await();
                    out.println("ctiflow demo: stopping (inputs in flight finish first)");
                    out.flush();
                }
                return result;
            } finally {
                main.stop();
            }
        }
    }

    /**
     * What keeps running and how to reach it: TAXII, the mailbox, the inbox, health and metrics.
     */
    private void printRunning(PrintWriter out, Main main, Path workDir, DemoMailbox mailbox, DemoConsoleUsers consoleUsers) {
        EmbeddedTaxii taxii = main.getCamelContext().getRegistry().lookupByNameAndType("embeddedTaxii", EmbeddedTaxii.class);
        out.println();
        out.printf("  %-10s %s  (user %s)%n", "TAXII 2.1", taxii.discoveryUrl(), TAXII_USER);
        out.printf("  %-10s %s  (user %s, password %s)%n", "IMAP", mailbox.url(), DemoMailbox.USER, mailbox.password());
        out.printf("  %-10s smtp://127.0.0.1:%d  (send it a report: curl smtp://127.0.0.1:%d --mail-from you@example.org --mail-rcpt %s -T report.eml)%n",
                "SMTP", mailbox.smtpPort(), mailbox.smtpPort(), DemoMailbox.ADDRESS);
        out.printf("  %-10s %s/<feed>/  (drop more .csv or .json files; feeds: %s)%n", "inbox", workDir.resolve("inbox"),
                String.join(", ", main.getCamelContext().getRegistry().lookupByNameAndType("mappings", Mappings.class).all().keySet()));
        ManagementServer.urls(main.getCamelContext()).forEach(line -> out.println("  " + line));
        ConsoleServer console = main.getCamelContext().getRegistry().lookupByNameAndType("consoleServer",
                ConsoleServer.class);
        out.printf("  %-10s %s  (%s)%n", "console", console.url(), consoleUsers.credentials());
        out.println(RUNNING);
        out.flush();
    }

    /** The environment variable (or, in the demo, property) the demo's webhook endpoint names for its shared secret. */
    private static final String WEBHOOK_SECRET_NAME = "CTIFLOW_DEMO_WEBHOOK_SECRET";

    /** The shipped policies, with a webhook endpoint for cert-eu pointing at the demo's receiver. */
    private static Path demoPolicies(Path shipped, Path target, String webhookUrl) throws IOException {
        Files.createDirectories(target);
        for (String f : PolicyLoader.FILES) {
            Files.copy(shipped.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
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

    /** What the demo waits for before it reports: every example input processed (or set aside) and nothing in flight. */
    private record Drained(Main main, FeedStats stats, Path inbox, int files, int mispEvents, String mailSource, int mails) {

        /** What is still outstanding, or null when every input is processed. */
        String outstanding() throws IOException {
            long done = finished(inbox);
            if (done < files) {
                return (files - done) + " of " + files + " feed files in " + inbox;
            }
            FeedStats.Counts misp = stats.of(MISP_FEED);
            if (misp.batches.sum() + misp.failedInputs.sum() < mispEvents) {
                return (mispEvents - misp.batches.sum() - misp.failedInputs.sum()) + " of " + mispEvents + " MISP feed events";
            }
            if (stats.of(mailSource).batches.sum() < mails) {
                return (mails - stats.of(mailSource).batches.sum()) + " of " + mails + " mails";
            }
            int inflight = main.getCamelContext().getInflightRepository().size();
            return inflight > 0 ? inflight + " exchanges in flight" : null;
        }
    }

    /** Waits until every input is processed; false when the demo was stopped first (Ctrl-C). */
    private boolean awaitDrained(Drained drained) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (String outstanding = drained.outstanding(); outstanding != null; outstanding = drained.outstanding()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo did not process every input within " + timeoutSeconds + " s: " + outstanding
                        + " outstanding (see " + drained.inbox().resolveSibling("deadletter").resolve("failed-inputs.jsonl") + ")");
            }
            if (running.stopRequested()) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
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

    /**
     * Drops every example feed file (.csv, .json) into inbox/<feed>/, noting each feed's kind;
     * returns the number of files per kind.
     */
    private static Map<String, Integer> stageExamples(Path examples, Path inbox, Map<String, String> kinds) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(examples)) {
            files = s.filter(Files::isRegularFile).filter(p -> kindOf(p) != null).sorted().toList();
        }
        for (Path file : files) {
            Path relative = examples.relativize(file);
            Path target = inbox.resolve(relative.toString());
            Files.createDirectories(target.getParent());
            // copy under a dot name, then rename: the inbox route never sees a half-written file
            Path temp = target.resolveSibling("." + target.getFileName());
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            kinds.put(relative.getName(0).toString(), kindOf(file));
            counts.merge(kindOf(file), 1, Integer::sum);
        }
        return counts;
    }

    private static String kindOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") ? "csv" : name.endsWith(".json") ? "json" : null;
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

package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.audit.AuditVerifier;
import io.ctiflow.audit.TransferRecord;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.policy.AuditLog;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyStats;
import io.ctiflow.runtime.EmbeddedTaxii;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.validation.StixValidator;
import io.ctiflow.taxii.client.CollectionReader;
import io.ctiflow.taxii.client.PollPosition;
import io.ctiflow.taxii.client.TaxiiClient;
import io.ctiflow.taxii.client.TaxiiConfiguration;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
/**
 * What {@code ctiflow demo} prints once every input is processed: per source, per destination,
 * the embedded TAXII server read back as a partner reads it, and the webhook receiver. Each part
 * returns 0, or {@link CtiflowCli#EXIT_PROBLEMS} when it found a problem (an invalid bundle, a failed input).
 */
final class DemoSummary {

    private DemoSummary() {
    }

    /** Per source (feed file folder, MISP feed, mailbox): records read, STIX objects, bundles, rejects; then the bundle check. */
    static int report(PrintWriter out, FeedStats stats, Map<String, String> kinds, Path workDir, double seconds) throws IOException {
        long records = 0;
        long objects = 0;
        long rejects = 0;
        long failed = 0;
        out.printf("%n%-28s %-9s %8s %8s %8s %8s%n", "source", "kind", "records", "objects", "bundles", "rejects");
        for (Map.Entry<String, FeedStats.Counts> e : stats.all().entrySet()) {
            FeedStats.Counts c = e.getValue();
            out.printf("%-28s %-9s %8d %8d %8d %8d%n", e.getKey(), kinds.getOrDefault(e.getKey(), ""), c.records.sum(), c.objects.sum(),
                    c.bundles.sum(), c.rejects.sum());
            records += c.records.sum();
            objects += c.objects.sum();
            rejects += c.rejects.sum();
            failed += c.failedInputs.sum();
        }
        out.printf("%-28s %-9s %8d %8d %8s %8d%n", "total", "", records, objects, "", rejects);
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
            out.printf("%d inputs failed: see %s%n", failed, workDir.resolve("deadletter/failed-inputs.jsonl"));
        }
        out.printf("every input processed in %.1f s%n", seconds);
        out.flush();
        return invalid > 0 || failed > 0 ? CtiflowCli.EXIT_PROBLEMS : 0;
    }

    /**
     * Per destination: the objects offered to it (received), what the jurisdiction filter shared,
     * redacted and withheld, what its TAXII collection holds, and whether every shared bundle is valid.
     */
    static int sharing(PrintWriter out, Main main, Path workDir, Map<String, Long> collections) throws IOException {
        var registry = main.getCamelContext().getRegistry();
        Policy policy = registry.lookupByNameAndType("policy", Policy.class);
        PolicyStats policyStats = registry.lookupByNameAndType("policyStats", PolicyStats.class);
        registry.lookupByNameAndType("auditLog", AuditLog.class).flush();
        Path share = workDir.resolve("share");
        StixValidator validator = new StixValidator();
        long invalid = 0;
        out.printf("%n%-14s %-4s %-8s %-16s %8s %8s %8s %8s %8s %8s  %s%n", "destination", "jur.", "trust", "max TLP", "received", "shared",
                "redacted", "withheld", "in TAXII", "bundles", "withheld by rule");
        for (Destination d : policy.destinations()) {
            List<Path> bundles = listFiles(share.resolve(d.id()));
            for (Path bundle : bundles) {
                if (StixValidator.hasErrors(validator.validate(Stix.mapper().readTree(bundle.toFile())))) {
                    invalid++;
                    out.println("INVALID shared bundle: " + bundle);
                }
            }
            long shared = policyStats.count(d.id(), Outcome.SHARED);
            long redacted = policyStats.count(d.id(), Outcome.REDACTED);
            long withheld = policyStats.count(d.id(), Outcome.WITHHELD);
            Long inTaxii = collections.get(d.id());
            out.printf("%-14s %-4s %-8s %-16s %8d %8d %8d %8d %8s %8d  %s%n", d.id(), d.jurisdiction(), d.trustName(), d.maxTlp().label(),
                    shared + redacted + withheld, shared, redacted, withheld, inTaxii == null ? "-" : inTaxii.toString(), bundles.size(),
                    policyStats.withheldByRule(d.id()));
        }
        out.println("received = shared + redacted + withheld (every object is offered to every destination); a TAXII collection keeps");
        out.println("each object version once, so \"in TAXII\" counts the distinct versions shared or redacted (identities and malware repeat)");
        out.printf("shared bundles in %s/<destination>/, every decision in %s (try: ctiflow explain -d <destination> <bundle>)%n",
                share, workDir.resolve("audit/decisions.jsonl"));
        boolean intact = audit(out, workDir.resolve("audit"));
        out.flush();
        return invalid > 0 || !intact ? CtiflowCli.EXIT_PROBLEMS : 0;
    }

    /** The record of personal-data transfers of the run, and whether the audit trail's chain is intact. */
    private static boolean audit(PrintWriter out, Path audit) throws IOException {
        out.printf("%npersonal data per destination (ctiflow audit transfers --dir %s):%n", audit);
        out.printf("  %-14s %-4s %-12s %-12s %-14s %7s  %s%n", "destination", "jur.", "from", "category", "action", "values", "legal basis");
        for (TransferRecord.Row r : TransferRecord.read(audit, null, null).rows()) {
            out.printf("  %-14s %-4s %-12s %-12s %-14s %7d  %s%n", r.destination(), r.country(), r.from(), r.category(), r.action(), r.values(),
                    r.legalBasis());
        }
        AuditVerifier.Result chain = new AuditVerifier().verify(audit);
        out.printf("audit trail %s: %s (ctiflow audit verify --dir %s)%n", audit, chain.intact() ? "intact, " + chain.records() + " records"
                : "NOT intact: " + chain.problem(), audit);
        return chain.intact();
    }

    /**
     * Reads every destination's collection of the embedded TAXII server back over TAXII with the
     * demo's credentials, as a partner would: destination id -> objects, into {@code counts}.
     */
    static int readCollections(Main main, String password, Map<String, Long> counts) {
        EmbeddedTaxii taxii = main.getCamelContext().getRegistry().lookupByNameAndType("embeddedTaxii", EmbeddedTaxii.class);
        int result = 0;
        for (Map.Entry<String, String> c : taxii.collections().entrySet()) {
            CollectionReader.Summary read = new CollectionReader(taxiiClient(taxii, c.getValue(), password), 1000)
                    .read(PollPosition.startingAfter(null), page -> true, () -> true);
            counts.put(c.getKey(), read.objects());
            if (read.stoppedBecause() != null) {
                LoggerFactory.getLogger(DemoSummary.class).error("reading TAXII collection {} stopped: {}", c.getValue(), read.stoppedBecause());
                result = CtiflowCli.EXIT_PROBLEMS;
            }
        }
        return result;
    }

    static TaxiiClient taxiiClient(EmbeddedTaxii taxii, String collection, String password) {
        TaxiiConfiguration config = new TaxiiConfiguration();
        config.setUrl(taxii.apiRootUrl());
        config.setCollection(collection);
        config.setUsername(DemoCommand.TAXII_USER);
        config.setPassword(password);
        return new TaxiiClient(config);
    }

    /** How to reach the embedded TAXII server: discovery URL, the demo's credentials, each collection's URL. */
    static void taxii(PrintWriter out, Main main, String password, Map<String, Long> counts) {
        EmbeddedTaxii taxii = main.getCamelContext().getRegistry().lookupByNameAndType("embeddedTaxii", EmbeddedTaxii.class);
        out.printf("%nembedded TAXII 2.1 server: %s  (user %s, password %s)%n", taxii.discoveryUrl(), DemoCommand.TAXII_USER, password);
        for (Map.Entry<String, String> c : taxii.collections().entrySet()) {
            out.printf("  collection %-12s %6d objects  %s%n", c.getValue(), counts.getOrDefault(c.getKey(), 0L),
                    taxiiClient(taxii, c.getValue(), password).collection());
        }
        out.println("browse: curl -u " + DemoCommand.TAXII_USER + ":" + password + " -H 'Accept: application/taxii+json;version=2.1' " + taxii.discoveryUrl());
        out.flush();
    }

    /** What the partner's webhook receiver got: bundles with a valid signature, nothing rejected. */
    static int webhook(PrintWriter out, DemoWebhookReceiver receiver, Path workDir) {
        out.printf("%nwebhook (cert-eu, signed with HMAC-SHA-256): %d bundles, %d objects received at %s, %d rejected; kept in %s%n",
                receiver.bundles(), receiver.objects(), receiver.url(), receiver.rejected(), workDir.resolve("webhook-received/cert-eu"));
        out.flush();
        return receiver.bundles() > 0 && receiver.rejected() == 0 ? 0 : CtiflowCli.EXIT_PROBLEMS;
    }

    static List<Path> listFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList());
        }
    }
}

package io.ctiflow.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.audit.AuditQuery;
import io.ctiflow.audit.AuditRecords;
import io.ctiflow.audit.AuditVerifier;
import io.ctiflow.audit.TransferRecord;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.stix.Stix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
/** {@code ctiflow audit verify | search | transfers}: prove and query the audit trail of policy decisions. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify the hash chain of the audit trail, search its decisions, or print the record of personal-data transfers.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Search.class, AuditCommand.Transfers.class})
final class AuditCommand {

    private AuditCommand() {
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Walk the hash chain of every audit file, oldest first. Exit 0 with the number of records when intact;",
                    "exit 1 naming the file, line and problem of the first record altered, removed, reordered or unreadable."})
    static final class Verify implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        FolderMixin folder;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path dir = folder.get();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no audit folder " + dir);
            }
            AuditVerifier.Result r = new AuditVerifier().verify(dir);
            PrintWriter out = spec.commandLine().getOut();
            if (!r.intact()) {
                out.println(r.problem());
                out.printf("%s: NOT intact after %,d good records%n", dir, r.records());
                out.flush();
                return CtiflowCli.EXIT_PROBLEMS;
            }
            out.printf("%s: intact: %,d records in %d files%s; last hash %s%n", dir, r.records(), r.files(),
                    r.firstSeq() > 1 ? " (from seq " + r.firstSeq() + "; the records before it were in files rotated out)" : "", r.lastHash());
            out.flush();
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = {"The decisions matching every criterion given, oldest first: a table, or with --format json the records",
                    "as stored (a JSON array). Streams the audit files, so any size of trail is searched in bounded memory."})
    static final class Search implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        FolderMixin folder;

        @Option(names = {"-d", "--destination"}, paramLabel = "<id>", description = "Only decisions for this destination.")
        String destination;

        @Option(names = "--object", paramLabel = "<id>", description = "Only this object id, or ids starting so (indicator--).")
        String object;

        @Option(names = "--source", paramLabel = "<id>", description = "Only objects of this source.")
        String source;

        @Option(names = "--rule", paramLabel = "<rule>", description = "Only decisions by this rule (tlp, personal-data, localisation...).")
        String rule;

        @Option(names = "--outcome", paramLabel = "<outcome>", description = "Only shared, redacted or withheld.")
        String outcome;

        @Option(names = "--since", paramLabel = "<time>", description = "From this time (2026-12-01 or 2026-12-01T10:00:00Z), inclusive.")
        String since;

        @Option(names = "--until", paramLabel = "<time>", description = "Up to this time, exclusive.")
        String until;

        @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Output format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "1000", description = "At most this many decisions, 0 for all (default: ${DEFAULT-VALUE}).")
        long limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("table") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be table or json, not " + format);
            }
            if (outcome != null && !Set.of("shared", "redacted", "withheld").contains(outcome)) {
                throw new IllegalArgumentException("--outcome must be shared, redacted or withheld, not " + outcome);
            }
            Instant from = AuditRecords.parseTime(since);
            AuditQuery query = new AuditQuery(destination, object, source, rule, outcome, from, AuditRecords.parseTime(until));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            long[] counts = new long[3]; // shown, matched, malformed
            JsonGenerator json = format.equals("json") ? Stix.mapper().getFactory().createGenerator(out) : null;
            if (json != null) {
                json.useDefaultPrettyPrinter();
                json.writeStartArray();
            }
            AuditRecords.read(folder.get(), from, new AuditRecords.Visitor() {
                @Override
                public void record(JsonNode r) {
                    if (!query.matches(r)) {
                        return;
                    }
                    counts[1]++;
                    if (limit > 0 && counts[0] >= limit) {
                        return;
                    }
                    counts[0]++;
                    try {
                        if (json != null) {
                            json.writeTree(r);
                        } else {
                            out.printf("%s  %-12s %-8s %-15s %s  %s%n", r.path("time").asText(), r.path("destination").asText(),
                                    r.path("outcome").asText(), r.path("rule").asText(), r.path("object").asText(), r.path("reason").asText());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void malformed(Path file, long line) {
                    counts[2]++;
                    err.println("warning: " + file + ":" + line + " is not an audit record (run ctiflow audit verify)");
                }
            });
            if (json != null) {
                json.writeEndArray();
                json.flush();
                out.println();
            } else {
                out.printf("%,d decisions%s%n", counts[1], counts[1] > counts[0] ? " (" + counts[0] + " shown; --limit 0 for all)" : "");
            }
            out.flush();
            err.flush();
            return counts[2] > 0 ? CtiflowCli.EXIT_PROBLEMS : 0;
        }
    }

    @Command(name = "transfers", mixinStandardHelpOptions = true,
            description = {"The record of transfers of personal data (GDPR Art. 30(1)(e), Chapter V) from the audit trail: per destination",
                    "and its jurisdiction, category of personal data and what was done (kept, pseudonymised, generalised, redacted,",
                    "dropped), how many values in how many objects, on which legal basis. Counts only: no value is ever shown."})
    static final class Transfers implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        FolderMixin folder;

        @Option(names = "--since", paramLabel = "<time>", description = "From this time (2026-12-01 or 2026-12-01T10:00:00Z), inclusive.")
        String since;

        @Option(names = "--until", paramLabel = "<time>", description = "Up to this time, exclusive.")
        String until;

        @Option(names = "--format", paramLabel = "csv|json|html", defaultValue = "csv", description = "Output format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to this file (default: standard output).")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!Set.of("csv", "json", "html").contains(format)) {
                throw new IllegalArgumentException("--format must be csv, json or html, not " + format);
            }
            TransferRecord record = TransferRecord.read(folder.get(), AuditRecords.parseTime(since), AuditRecords.parseTime(until));
            if (output == null) {
                write(record, spec.commandLine().getOut());
            } else {
                try (BundleOutput file = new BundleOutput(output)) {
                    Writer w = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
                    write(record, w);
                    file.commit();
                }
            }
            if (record.malformed() > 0) {
                spec.commandLine().getErr().printf("warning: %d lines of the audit trail are not records; transfers they held are missing"
                        + " (run ctiflow audit verify)%n", record.malformed());
                spec.commandLine().getErr().flush();
                return CtiflowCli.EXIT_PROBLEMS;
            }
            return 0;
        }

        private void write(TransferRecord record, Writer w) throws IOException {
            switch (format) {
                case "csv" -> record.csv(w);
                case "json" -> record.json(w, Stix.mapper());
                default -> record.html(w, "Record of transfers of personal data" + (since == null && until == null ? ""
                        : " (" + (since == null ? "" : "from " + since) + (until == null ? "" : " until " + until) + ")"));
            }
            w.flush();
        }
    }

    /** The audit folder option every subcommand shares. */
    static final class FolderMixin {
        @Option(names = "--dir", paramLabel = "<dir>", description = "Audit folder (default: work/audit of the ctiflow home; set ctiflow.audit for a run).")
        Path dir;

        Path get() {
            return dir != null ? dir : CtiflowHome.get().resolve("work").resolve("audit");
        }
    }
}

package io.ctiflow.app;

import io.ctiflow.policy.AuditLog;
import io.ctiflow.policy.FilterResult;
import io.ctiflow.policy.JurisdictionFilter;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.StixBundleReader;
import io.ctiflow.stix.StixObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ctiflow filter}: what one destination would receive of a bundle. */
@Command(name = "filter", mixinStandardHelpOptions = true,
        description = {"Write what a destination would receive of a STIX bundle under the policies:",
                "objects its rules forbid withheld, personal data redacted, pseudonymised or generalised,",
                "references kept consistent. Every decision is appended to the audit log."})
final class FilterCommand implements Callable<Integer> {

    @Option(names = {"-d", "--destination"}, required = true, paramLabel = "<id>", description = "Destination id from destinations.yaml.")
    String destination;

    @Mixin
    PolicyOptions policy;

    @Parameters(paramLabel = "<in.json>", description = "A STIX bundle (or a JSON array of objects).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "<out.json>", description = "Where to write the filtered bundle (default: standard output).")
    Path output;

    @Option(names = "--pretty", description = "Indent the output.")
    boolean pretty;

    @Option(names = "--audit-dir", paramLabel = "<dir>", description = "Audit log folder (default: work/audit of the ctiflow home).")
    Path auditDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Policy p = policy.load();
        List<StixObject> objects = StixBundleReader.read(input);
        Path audit = auditDir != null ? auditDir : CtiflowHome.get().resolve("work").resolve("audit");
        FilterResult result;
        try (AuditLog log = new AuditLog(audit, 64L << 20, 10)) {
            result = new JurisdictionFilter(p, log).filter(objects, policy.context(input, objects), destination);
        }
        try (BundleOutput out = new BundleOutput(output)) {
            try (BundleWriter bundle = new BundleWriter(out.stream(), pretty)) {
                for (StixObject o : result.objects()) {
                    bundle.write(o);
                }
            }
            out.commit();
        }
        spec.commandLine().getErr().printf("%s: %d objects in, %d out to %s (%d shared unchanged, %d redacted, %d withheld); decisions in %s%n",
                input, objects.size(), result.objects().size(), destination, result.count(Outcome.SHARED), result.count(Outcome.REDACTED),
                result.count(Outcome.WITHHELD), audit.resolve("decisions.jsonl"));
        spec.commandLine().getErr().flush();
        return 0;
    }
}

package io.ctiflow.app;

import io.ctiflow.policy.Decision;
import io.ctiflow.policy.DecisionListener;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Explanation;
import io.ctiflow.policy.FilterResult;
import io.ctiflow.policy.InputContext;
import io.ctiflow.policy.JurisdictionFilter;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.stix.StixBundleReader;
import io.ctiflow.stix.StixObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ctiflow explain}: per object, what a destination would get and why. Changes and records nothing.
 * Judges a bundle the pipeline wrote as the pipeline did (see {@link PolicyOptions#context(Path, List)}).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show per object and destination whether it would be shared, redacted or withheld,",
                "by which rule and why. A dry run: nothing is written, nothing is audited."})
final class ExplainCommand implements Callable<Integer> {

    @Option(names = {"-d", "--destination"}, paramLabel = "<id>", description = "Destination id (default: every destination).")
    String destination;

    @Mixin
    PolicyOptions policy;

    @Parameters(paramLabel = "<input.json>", description = "A STIX bundle (or a JSON array of objects).")
    Path input;

    @Option(names = "--only", paramLabel = "<outcome>", description = "Show only shared, redacted or withheld decisions.")
    String only;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Policy p = policy.load();
        List<StixObject> objects = StixBundleReader.read(input);
        JurisdictionFilter filter = new JurisdictionFilter(p, DecisionListener.NONE);
        Collection<Destination> destinations = destination != null ? List.of(p.requireDestination(destination)) : p.destinations();
        Outcome filterOutcome = only == null ? null : Outcome.valueOf(only.toUpperCase(Locale.ROOT));
        PrintWriter out = spec.commandLine().getOut();
        InputContext context = policy.context(input, objects);
        if (policy.source == null && context.source() != null) {
            // the pipeline filtered the bundle as coming from its batch's source: judged the same way, explain agrees
            out.printf("source %s, as the objects' ctiflow provenance names it (--source overrides)%n", context.source());
        }
        for (FilterResult r : filter.fanOut(objects, context, destinations).values()) {
            out.printf("== %s (%s, %s, trust %s, max %s): %d shared, %d redacted, %d withheld%n", r.destination().id(), r.destination().name(),
                    r.destination().jurisdiction(), r.destination().trustName(), r.destination().maxTlp().label(),
                    r.count(Outcome.SHARED), r.count(Outcome.REDACTED), r.count(Outcome.WITHHELD));
            for (Decision d : r.decisions()) {
                if (filterOutcome == null || d.outcome() == filterOutcome) {
                    out.println(Explanation.line(d));
                }
            }
        }
        out.flush();
        return 0;
    }
}

package io.ctiflow.app;

import io.ctiflow.policy.InputContext;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.policy.ProvenanceSource;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.stix.StixObject;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Options every policy command shares: which policy folder, and what to assume of objects without provenance. */
final class PolicyOptions {

    @Option(names = "--policies", paramLabel = "<dir>", description = "Policy folder (default: policies/ of the ctiflow home).")
    Path policies;

    @Option(names = "--source", paramLabel = "<id>",
            description = "Configured source (sources.yaml) of the input; its defaults apply to objects that carry no ctiflow"
                    + " provenance (default: the source their provenance names, as the pipeline had it).")
    String source;

    @Option(names = "--origin", paramLabel = "<country>",
            description = "Origin jurisdiction (ISO country code) of objects that carry none.")
    String origin;

    Policy load() {
        Path dir = policies != null ? policies : CtiflowHome.get().resolve("policies");
        return new PolicyLoader(CtiflowHome.get().resolve("policies").resolve("schema")).load(dir);
    }

    /**
     * The context of one input file (the audit log names it as input and bundle): --source, else the source the
     * objects' ctiflow provenance names, as the pipeline had it when it filtered them.
     */
    InputContext context(Path input, List<StixObject> objects) {
        return new InputContext(source(objects), origin, input.toString(), input.getFileName().toString());
    }

    /** The source objects without provenance are judged as coming from, or null. */
    String source(List<StixObject> objects) {
        return source != null ? source : ProvenanceSource.of(objects).orElse(null);
    }
}

package io.ctiflow.app;

import io.ctiflow.policy.InputContext;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.runtime.CtiflowHome;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every policy command shares: which policy folder, and what to assume of objects without provenance. */
final class PolicyOptions {

    @Option(names = "--policies", paramLabel = "<dir>", description = "Policy folder (default: policies/ of the ctiflow home).")
    Path policies;

    @Option(names = "--source", paramLabel = "<id>",
            description = "Configured source (sources.yaml) of objects that carry no ctiflow provenance; its defaults apply.")
    String source;

    @Option(names = "--origin", paramLabel = "<country>",
            description = "Origin jurisdiction (ISO country code) of objects that carry none.")
    String origin;

    Policy load() {
        Path dir = policies != null ? policies : CtiflowHome.get().resolve("policies");
        return new PolicyLoader(CtiflowHome.get().resolve("policies").resolve("schema")).load(dir);
    }

    InputContext context() {
        return new InputContext(source, origin);
    }

    /** The context of one input file: the audit log names it as input and bundle. */
    InputContext context(Path input) {
        return new InputContext(source, origin, input.toString(), input.getFileName().toString());
    }
}

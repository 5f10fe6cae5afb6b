package io.ctiflow.app;

import io.ctiflow.policy.Destination;
import io.ctiflow.policy.PersonalDataAction;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyCases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
/** {@code ctiflow policy check | destinations | test | diff}. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Check the policy files, list what they configure, or show what a change would change.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Destinations.class, PolicyCommand.Test.class, PolicyDiffCommand.class})
final class PolicyCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate jurisdictions.yaml, destinations.yaml, sources.yaml and policy.yaml against their schemas",
                    "and each other. Exit 0 when usable, 2 with a message naming file and key when not."})
    static final class Check implements Callable<Integer> {

        @Mixin
        PolicyOptions policy;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Policy p = policy.load();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s: valid: %d jurisdictions, %d destinations, %d sources%n", p.location(), p.jurisdictions().size(),
                    p.destinations().size(), p.sources().size());
            boolean pseudonymises = p.destinations().stream().anyMatch(PolicyCommand::pseudonymises);
            if (pseudonymises && !p.pseudonymiser().hasKey()) {
                out.println("warning: destinations pseudonymise personal data but " + p.pseudonymiser().keySource()
                        + "; objects holding it will be withheld from them");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "destinations", mixinStandardHelpOptions = true, description = "Print the configured destination ids, one per line.")
    static final class Destinations implements Callable<Integer> {

        @Mixin
        PolicyOptions policy;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            policy.load().destinations().forEach(d -> out.println(d.id()));
            out.flush();
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run the worked examples in <policies>/cases/*.yaml against the policy: each case names a destination,",
                    "a few objects and what must be shared, withheld or redacted (and by which rule). Exit 1 when any fails."})
    static final class Test implements Callable<Integer> {

        @Mixin
        PolicyOptions policy;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Policy p = policy.load();
            PrintWriter out = spec.commandLine().getOut();
            List<PolicyCases.Result> results = PolicyCases.run(p, Path.of(p.location()).resolve("cases"));
            long failed = 0;
            for (PolicyCases.Result r : results) {
                out.printf("%s %s: %s%n", r.passed() ? "ok  " : "FAIL", r.file(), r.name());
                r.problems().forEach(problem -> out.println("       " + problem));
                failed += r.passed() ? 0 : 1;
            }
            out.printf("%d cases, %d failed%n", results.size(), failed);
            out.flush();
            return failed > 0 ? CtiflowCli.EXIT_PROBLEMS : 0;
        }
    }

    private static boolean pseudonymises(Destination d) {
        return d.personalDataDefault() == PersonalDataAction.PSEUDONYMISE || d.personalData().containsValue(PersonalDataAction.PSEUDONYMISE);
    }
}

package io.ctiflow.app;

import io.ctiflow.runtime.CtiflowHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
/** {@code ctiflow config}: every option with the value ctiflow would run with and where it comes from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show every configuration option: the effective value (secrets masked) and where it comes from",
                "(default = ctiflow-defaults.properties, file = --config, env = environment variable).",
                "--markdown prints the configuration reference (docs/configuration.md) instead."})
final class ConfigCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "<file>", description = "An external properties file with overrides.")
    Path config;

    @Option(names = "--markdown", description = "Print the configuration reference (docs/configuration.md) as Markdown.")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigReference reference = ConfigReference.shipped();
        if (markdown) {
            out.print(reference.markdown());
            out.flush();
            return 0;
        }
        try (EffectiveConfig effective = new EffectiveConfig(CtiflowHome.get(), config, System::getenv)) {
            out.printf("%-44s %-8s %s%n", "option", "from", "value");
            for (ConfigReference.Option o : reference.options()) {
                String value = effective.value(o.key()).orElse("(unresolved)");
                if (o.secret() && !value.isEmpty()) {
                    value = "******";
                }
                out.printf("%-44s %-8s %s%n", o.key(), effective.source(o.key()).name().toLowerCase(Locale.ROOT), value);
            }
        }
        out.flush();
        return 0;
    }
}

package io.ctiflow.app;

import io.ctiflow.feed.Mappings;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Policy;
import io.ctiflow.runtime.CtiflowRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.Main;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
/**
 * {@code ctiflow run --check}: everything {@code run} would load, loaded and checked, nothing
 * started. Options: unknown keys in the --config file (usually typos, with the closest known key)
 * and values that do not have their default's type; then the real runtime is built with routes
 * not started, so mappings, policies, route YAML and every endpoint URI are parsed exactly as a
 * real start would parse them.
 */
final class RunCheck {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern BOOLEAN = Pattern.compile("true|false");

    private final PrintWriter out;
    private final PrintWriter err;

    RunCheck(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int check(Path home, Path configFile, Function<String, String> environment) throws Exception {
        ConfigReference reference = ConfigReference.shipped();
        List<String> problems = new ArrayList<>();
        int overridden = 0;
        try (EffectiveConfig config = new EffectiveConfig(home, configFile, environment)) {
            for (String key : config.fileKeys()) {
                if (!reference.knows(key)) {
                    problems.add(configFile + ": unknown option '" + key + "'"
                            + reference.closest(key).map(k -> " (did you mean " + k + "?)").orElse(""));
                }
            }
            for (ConfigReference.Option o : reference.options()) {
                if (config.source(o.key()) != EffectiveConfig.Source.DEFAULT) {
                    overridden++;
                }
                typeProblem(o, config).ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("  " + p));
            err.flush();
            throw new IllegalArgumentException("the configuration has " + problems.size() + " problem(s), listed above");
        }
        // routes are built but not started; the embedded TAXII server is not started either
        Main main = CtiflowRuntime.create(home, configFile, Map.of("camel.main.auto-startup", "false",
                "ctiflow.taxii.server.enabled", "false"));
        main.start();
        try {
            report(main.getCamelContext(), configFile, overridden);
        } finally {
            main.stop();
        }
        return 0;
    }

    /** A value that does not have the type of its shipped default: numbers stay numbers, flags stay true/false. */
    private static Optional<String> typeProblem(ConfigReference.Option o, EffectiveConfig config) {
        String where = " (" + config.source(o.key()).name().toLowerCase(Locale.ROOT)
                + (config.source(o.key()) == EffectiveConfig.Source.ENVIRONMENT ? " " + o.environmentVariable() : "") + ")";
        Optional<String> value;
        try {
            value = config.value(o.key());
        } catch (RuntimeException e) {
            return Optional.of(o.key() + ": " + CtiflowCli.message(e) + where);
        }
        if (value.isEmpty()) {
            return Optional.of(o.key() + ": cannot be resolved" + where);
        }
        String v = value.get().strip();
        if (NUMBER.matcher(o.defaultValue()).matches() && !NUMBER.matcher(v).matches()) {
            return Optional.of(o.key() + " = '" + v + "': not a whole number" + where);
        }
        if (BOOLEAN.matcher(o.defaultValue()).matches() && !BOOLEAN.matcher(v).matches()) {
            return Optional.of(o.key() + " = '" + v + "': must be true or false" + where);
        }
        return Optional.empty();
    }

    private void report(CamelContext context, Path configFile, int overridden) {
        var registry = context.getRegistry();
        out.println("ctiflow run --check: OK, nothing was started");
        out.printf("  configuration  ctiflow-defaults.properties%s < environment; %d option(s) overridden%n",
                configFile == null ? "" : " < " + configFile, overridden);
        List<Route> routes = context.getRoutes();
        out.printf("  routes         %d loaded from routes/ (YAML parsed, every endpoint URI resolved)%n", routes.size());
        for (Route route : routes) {
            out.printf("    %-32s %s%n", route.getRouteId(), route.getEndpoint().getEndpointBaseUri());
        }
        Mappings mappings = registry.lookupByNameAndType("mappings", Mappings.class);
        out.printf("  mappings       %d feed mappings checked (%s)%n", mappings.all().size(), String.join(", ", mappings.all().keySet()));
        Policy policy = registry.lookupByNameAndType("policy", Policy.class);
        out.printf("  policies       %s: %d destinations (%s)%n", policy.location(), policy.destinations().size(),
                policy.destinations().stream().map(Destination::id).collect(Collectors.joining(", ")));
        out.flush();
    }
}

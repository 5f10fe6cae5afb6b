package io.ctiflow.app;

import io.ctiflow.cluster.ClusterLeadership;
import io.ctiflow.console.ConsoleServer;
import io.ctiflow.feed.Mappings;
import io.ctiflow.ops.ManagementServer;
import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Policy;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.runtime.CtiflowRuntime;
import io.ctiflow.runtime.EmbeddedTaxii;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.cluster.ClusteredRouteController;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
/** {@code ctiflow run}: starts every route in routes/ and runs until stopped (Ctrl-C or SIGTERM shuts down gracefully). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every route in routes/ (Camel YAML DSL) until stopped.",
                "Configuration: ctiflow-defaults.properties defaults, then --config, then environment variables "
                        + "(CTIFLOW_WORK overrides ctiflow.work, CTIFLOW_BATCH_SIZE overrides ctiflow.batch.size, ...)."})
final class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "<file>", description = "An external properties file with overrides.")
    Path config;

    @Option(names = "--check", description = "Load and check configuration, routes, mappings and policies, start nothing, exit 0 when all is well.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException("no such config file: " + config);
        }
        if (check) {
            return new RunCheck(spec.commandLine().getOut(), spec.commandLine().getErr()).check(CtiflowHome.get(), config, System::getenv);
        }
        Main main = CtiflowRuntime.create(CtiflowHome.get(), config, Map.of());
        // health and metrics on (127.0.0.1:9876 unless configured), unless --config or the environment turns them off
        ManagementServer.enableUnlessConfigured(main, config);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                ListenPorts.requireFree(configured.getCamelContext().getPropertiesComponent());
            }

            @Override
            public void afterStart(BaseMainSupport started) {
                printStarted(started.getCamelContext());
            }
        });
        main.run();
        return main.getExitCode();
    }

    /** One screen an operator can act on: what runs, where input is taken and output goes. */
    private void printStarted(CamelContext context) {
        PrintWriter out = spec.commandLine().getOut();
        var properties = context.getPropertiesComponent();
        out.println("ctiflow started: " + context.getRoutes().size() + " routes");
        // with clustering on, the pollers start only once this instance leads: "leader", not "stopped"
        Set<String> leaderOnly = context.getRouteController() instanceof ClusteredRouteController clustered
                ? clustered.getControlledRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet()) : Set.of();
        for (Route route : context.getRoutes()) {
            boolean started = context.getRouteController().getRouteStatus(route.getRouteId()).isStarted();
            String status = started ? "started" : leaderOnly.contains(route.getRouteId()) ? "leader" : "stopped";
            out.printf("  %-28s %-8s %s%n", route.getRouteId(), status, route.getEndpoint().getEndpointBaseUri());
        }
        ClusterLeadership leadership = context.getRegistry().lookupByNameAndType("clusterLeadership", ClusterLeadership.class);
        if (leadership != null) {
            out.println("cluster:     instance " + leadership.instance() + " in '" + leadership.namespace()
                    + "': the routes marked leader run only while it leads (the log says when)");
        }
        out.println("inbox:       " + properties.resolveProperty("ctiflow.inbox").orElse("?") + "/<feed>/  (feeds: "
                + String.join(", ", context.getRegistry().lookupByNameAndType("mappings", Mappings.class).all().keySet()) + ")");
        out.println("output:      " + properties.resolveProperty("ctiflow.outbox").orElse("?"));
        out.println("dead letter: " + properties.resolveProperty("ctiflow.deadletter").orElse("?"));
        Policy policy = context.getRegistry().lookupByNameAndType("policy", Policy.class);
        if (policy != null) {
            out.println("sharing:     " + properties.resolveProperty("ctiflow.share").orElse("?") + "/<destination>/  (destinations: "
                    + policy.destinations().stream().map(Destination::id).collect(Collectors.joining(", "))
                    + "; policies " + policy.location() + ")");
            out.println("audit:       " + properties.resolveProperty("ctiflow.audit").orElse("?") + "/decisions.jsonl");
        }
        EmbeddedTaxii taxii = context.getRegistry().lookupByNameAndType("embeddedTaxii", EmbeddedTaxii.class);
        if (taxii != null) {
            out.println("TAXII 2.1:   " + taxii.discoveryUrl() + "  (collections: " + String.join(", ", taxii.collections().values()) + ")");
        }
        ManagementServer.urls(context).forEach(out::println);
        ConsoleServer console = context.getRegistry().lookupByNameAndType("consoleServer", ConsoleServer.class);
        if (console != null) {
            out.println("console:     " + console.url() + "  (login: the users of ctiflow.console.users)");
        }
        out.println("stop with Ctrl-C (in-flight files finish first)");
        out.flush();
    }
}

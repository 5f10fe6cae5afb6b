package io.ctiflow.runtime;

import io.ctiflow.console.Console;
import io.ctiflow.console.ConsoleServer;
import io.ctiflow.console.ConsoleSources;
import io.ctiflow.console.ConsoleUsers;
import io.ctiflow.console.PolicyCandidate;
import io.ctiflow.console.TaxiiCollections;
import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.policy.AuditLog;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.state.DeadLetterStore;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The web console (ctiflow.console.*, docs/console.md): when enabled, serves the pages over the beans the other
 * configurations bound (policy, audit log, source health, dead-letter store, the embedded TAXII store) on its own
 * port, from the start of the Camel context to its stop; bound as {@code consoleServer} for {@code demo} to print.
 * Runs last.
 */
public final class ConsoleConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (!Boolean.parseBoolean(properties.resolveProperty("ctiflow.console.enabled").orElse("false"))) {
            return;
        }
        ConsoleUsers users = new ConsoleUsers(properties.resolveProperty("ctiflow.console.users").orElse(""),
                properties.resolveProperty("ctiflow.console.password-hash").orElse(""));
        var registry = context.getRegistry();
        EmbeddedTaxii taxii = registry.lookupByNameAndType("embeddedTaxii", EmbeddedTaxii.class);
        TaxiiCollections collections = null;
        if (taxii != null) {
            Map<String, String> ids = new TreeMap<>();
            taxii.collections().keySet().forEach(d -> ids.put(d, taxii.collectionIdOf(d)));
            collections = new TaxiiCollections(taxii.store(), ids);
        }
        ConsoleSources sources = new ConsoleSources(registry.lookupByNameAndType("policy", Policy.class),
                registry.lookupByNameAndType("auditLog", AuditLog.class),
                Path.of(properties.resolveProperty("ctiflow.audit").orElse("work/audit")),
                registry.lookupByNameAndType("sourceHealth", SourceHealth.class),
                registry.lookupByNameAndType("deadLetterStore", DeadLetterStore.class), collections, candidate(properties));
        ConsoleServer server;
        try {
            server = Console.create(properties.resolveProperty("ctiflow.console.host").orElse("127.0.0.1"),
                    Integer.parseInt(properties.resolveProperty("ctiflow.console.port").orElse("9877")), users,
                    Duration.ofMinutes(Long.parseLong(properties.resolveProperty("ctiflow.console.session-idle-minutes").orElse("30"))), sources);
        } catch (IOException e) {
            throw new UncheckedIOException("the web console cannot listen: " + e.getMessage(), e);
        }
        registry.bind("consoleServer", server);
        server.start();
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext ctx) {
                server.close();
            }
        });
    }

    /** The proposed policy the policy page compares with (ctiflow.console.policy-candidate), or null. */
    private static PolicyCandidate candidate(PropertiesComponent properties) {
        String dir = properties.resolveProperty("ctiflow.console.policy-candidate").orElse("");
        if (dir.isBlank()) {
            return null;
        }
        PolicyLoader loader = CtiflowConfiguration.policyLoader(Path.of(properties.resolveProperty("ctiflow.policies").orElse("policies")));
        return new PolicyCandidate(Path.of(dir), loader::load, Path.of(properties.resolveProperty("ctiflow.outbox").orElse("work/stix")),
                Integer.parseInt(properties.resolveProperty("ctiflow.console.policy-candidate-bundles").orElse("20")));
    }
}

package io.ctiflow.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
/** Where the running management server answers (its real port, also when configured as 0), for printing and tests. */
public final class ManagementServer {

    public static final String HEALTH = "/observe/health";
    public static final String LIVE = "/observe/health/live";
    public static final String READY = "/observe/health/ready";
    public static final String METRICS = "/observe/metrics";

    private ManagementServer() {
    }

    /** {@code http://127.0.0.1:<port>} of the management server, or empty when it is off (ctiflow.management.enabled). */
    public static Optional<String> baseUrl(CamelContext context) {
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            if (server.getServer() != null) {
                String host = server.getHost() == null || server.getHost().equals("0.0.0.0") ? "127.0.0.1" : server.getHost();
                return Optional.of("http://" + host + ":" + server.getServer().actualPort());
            }
        }
        return Optional.empty();
    }

    /**
     * Switches the management server on for a long-running command ({@code run}, {@code demo}) unless
     * the operator decided: ctiflow.management.enabled in the --config file, the environment
     * (CTIFLOW_MANAGEMENT_ENABLED) or a system property.
     */
    public static void enableUnlessConfigured(Main main, Path configFile) throws IOException {
        String key = "ctiflow.management.enabled";
        if (System.getenv("CTIFLOW_MANAGEMENT_ENABLED") != null || System.getProperty(key) != null) {
            return;
        }
        if (configFile != null) {
            Properties config = new Properties();
            try (var in = Files.newBufferedReader(configFile)) {
                config.load(in);
            }
            if (config.containsKey(key)) {
                return;
            }
        }
        main.addOverrideProperty(key, "true");
    }

    /** The URLs an operator needs, one per line, e.g. for {@code run} and {@code demo} to print. */
    public static List<String> urls(CamelContext context) {
        return baseUrl(context).map(base -> List.of("health:      " + base + HEALTH + "  (live: " + LIVE + ", ready: " + READY
                + "; ?data=true for details)", "metrics:     " + base + METRICS + "  (Prometheus)")).orElse(List.of());
    }
}

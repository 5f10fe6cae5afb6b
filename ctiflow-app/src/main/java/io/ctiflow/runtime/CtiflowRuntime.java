package io.ctiflow.runtime;

import io.ctiflow.cluster.ClusterConfiguration;
import io.ctiflow.delivery.DeliveryConfiguration;
import io.ctiflow.ops.ObservabilityConfiguration;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;

import java.nio.file.Path;
import java.util.Map;
/**
 * Builds the camel-main application: routes from routes/ (Camel YAML DSL), configuration from
 * ctiflow-defaults.properties, then an optional external properties file, then environment variables
 * (CTIFLOW_BATCH_SIZE overrides ctiflow.batch.size), then explicit overrides.
 */
public final class CtiflowRuntime {

    /**
     * The shipped defaults on the classpath. Not application.properties: camel-main loads that name by itself, so a
     * plain Camel application that only wants ctiflow's components would inherit ctiflow's whole configuration.
     */
    public static final String DEFAULTS = "ctiflow-defaults.properties";

    private CtiflowRuntime() {
    }

    public static Main create(Path home, Path configFile, Map<String, String> overrides) {
        Main main = new Main();
        configure(main.configure(), home);
        main.setDefaultPropertyPlaceholderLocation(propertyLocations(configFile));
        main.addInitialProperty("ctiflow.home", home.toString());
        overrides.forEach(main::addOverrideProperty);
        return main;
    }

    /**
     * What every ctiflow Camel context is made of: the configuration classes that bind the beans the
     * routes refer to, and the route files of {@code <home>/routes/}. The route tests
     * (camel-test-main-junit5) configure their context with this too.
     */
    public static void configure(MainConfigurationProperties configuration, Path home) {
        configuration.addConfiguration(ClusterConfiguration.class); // first: the route controller, before any route
        configuration.addConfiguration(CtiflowConfiguration.class);
        configuration.addConfiguration(StateConfiguration.class); // after: it extends the deadLetters bean
        configuration.addConfiguration(ObservabilityConfiguration.class);
        configuration.addConfiguration(DeliveryConfiguration.class);
        configuration.addConfiguration(ConsoleConfiguration.class); // last: it serves what the others bound
        String routes = home.resolve("routes").toUri().getPath();
        configuration.withRoutesIncludePattern("file:" + routes + "*.camel.yaml,file:" + routes + "common/*.camel.yaml");
    }

    /** The property placeholder locations: the operator's file (if any) before the shipped defaults, as the first location that has a key wins. */
    public static String propertyLocations(Path configFile) {
        String locations = "classpath:" + DEFAULTS;
        if (configFile != null) {
            locations = "file:" + configFile.toAbsolutePath() + "," + locations;
        }
        return locations;
    }
}

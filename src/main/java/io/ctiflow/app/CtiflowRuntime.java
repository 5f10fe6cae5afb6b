package io.ctiflow.app;

import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the camel-main application: routes from routes/ (Camel YAML DSL), configuration from
 * application.properties, then an optional external properties file, then environment variables
 * (CTIFLOW_BATCH_SIZE overrides ctiflow.batch.size), then explicit overrides.
 */
public final class CtiflowRuntime {

    private CtiflowRuntime() {
    }

    public static Main create(Path home, Path configFile, Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(CtiflowConfiguration.class);
        main.configure().addConfiguration(StateConfiguration.class); // after: it extends the deadLetters bean
        main.configure().addConfiguration(io.ctiflow.ops.ObservabilityConfiguration.class);
        main.configure().addConfiguration(io.ctiflow.delivery.DeliveryConfiguration.class);
        String routes = home.resolve("routes").toUri().getPath();
        main.configure().withRoutesIncludePattern("file:" + routes + "*.camel.yaml,file:" + routes + "common/*.camel.yaml");
        // the first location that has a key wins: the operator's file before the shipped defaults
        String locations = "classpath:application.properties";
        if (configFile != null) {
            locations = "file:" + configFile.toAbsolutePath() + "," + locations;
        }
        main.setDefaultPropertyPlaceholderLocation(locations);
        main.addInitialProperty("ctiflow.home", home.toString());
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}

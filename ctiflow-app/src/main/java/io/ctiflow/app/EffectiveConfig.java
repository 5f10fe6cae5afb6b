package io.ctiflow.app;

import io.ctiflow.runtime.CtiflowRuntime;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
/**
 * The configuration ctiflow runs with, resolved the way the runtime resolves it:
 * ctiflow-defaults.properties, then the --config file, then environment variables (CTIFLOW_BATCH_SIZE
 * for ctiflow.batch.size). Knows where each value came from, for {@code ctiflow config} and
 * {@code ctiflow run --check}.
 */
final class EffectiveConfig implements AutoCloseable {

    /** Where an option's value comes from. */
    enum Source { DEFAULT, FILE, ENVIRONMENT }

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final Properties file = new Properties();
    private final Function<String, String> environment;

    EffectiveConfig(Path home, Path configFile, Function<String, String> environment) {
        this.environment = environment;
        String locations = "classpath:" + CtiflowRuntime.DEFAULTS;
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("no such config file: " + configFile);
            }
            try (InputStream in = Files.newInputStream(configFile)) {
                file.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config file " + configFile + ": " + e.getMessage(), e);
            }
            locations = "file:" + configFile.toAbsolutePath() + "," + locations;
        }
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation(locations);
        properties.setInitialProperties(asProperties(Map.of("ctiflow.home", home.toString())));
    }

    /** The keys the --config file sets. */
    Set<String> fileKeys() {
        return file.stringPropertyNames();
    }

    Source source(String key) {
        if (environment.apply(ConfigReference.envName(key)) != null) {
            return Source.ENVIRONMENT;
        }
        return file.containsKey(key) ? Source.FILE : Source.DEFAULT;
    }

    /** The resolved value (placeholders expanded), or empty when it cannot be resolved. */
    Optional<String> value(String key) {
        return context.getPropertiesComponent().resolveProperty(key);
    }

    @Override
    public void close() {
        context.stop();
    }

    private static Properties asProperties(Map<String, String> map) {
        Properties p = new Properties();
        p.putAll(map);
        return p;
    }
}

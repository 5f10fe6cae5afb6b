package io.ctiflow.kafka;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.StixObject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
/**
 * Benchmark hook: sends STIX objects through the sink route exactly as ctiflow runs it
 * ({@code routes/common/batch-to-kafka.camel.yaml}: same producer configuration, one record per
 * object, idempotent, acks=all), in batches, and reports objects per second once every record was
 * acknowledged. Camel start-up and the producer's first metadata fetch are not timed (a warm-up
 * send writes the first object once more before the clock starts).
 */
public final class KafkaBench {

    private KafkaBench() {
    }

    /** {@link #deliver(List, String, String, int)} with batches of 1000 objects. */
    public static double deliver(List<StixObject> objects, String brokers, String topic) throws Exception {
        return deliver(objects, brokers, topic, 1000);
    }

    public static double deliver(List<StixObject> objects, String brokers, String topic, int batchSize) throws Exception {
        try (CamelContext camel = sinkContext(brokers, topic)) {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            // warm-up: connection, metadata and producer id are not part of the figure
            template.requestBody("direct:batch-to-kafka", List.of(objects.get(0)));
            long start = System.nanoTime();
            for (int i = 0; i < objects.size(); i += batchSize) {
                List<StixObject> slice = objects.subList(i, Math.min(objects.size(), i + batchSize));
                template.requestBody("direct:batch-to-kafka", new Batch("bench", "bench", i / batchSize, slice.size(), slice, List.of()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return objects.size() / seconds;
        }
    }

    /**
     * A Camel context with only the sink route (from the ctiflow home's routes/, or the working
     * directory's), sending to {@code topic} on {@code brokers}; not started.
     */
    public static CamelContext sinkContext(String brokers, String topic) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.putAll(Map.of("ctiflow.kafka.enabled", "true", "ctiflow.kafka.brokers", brokers, "ctiflow.kafka.topic", topic));
        camel.getPropertiesComponent().setInitialProperties(props);
        camel.getRegistry().bind("kafkaRecords", new KafkaRecords());
        Path route = routes().resolve("common/batch-to-kafka.camel.yaml");
        // the route refers to the shared route configuration; a bench needs no error handling
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration("ctiflow-pipeline").errorHandler(noErrorHandler());
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + route.toAbsolutePath()));
        return camel;
    }

    private static Path routes() {
        String home = System.getProperty("ctiflow.home");
        Path routes = Path.of(home != null ? home : "").toAbsolutePath().resolve("routes");
        if (!Files.isDirectory(routes)) {
            throw new IllegalStateException("no routes/ under " + routes.getParent() + " (set -Dctiflow.home)");
        }
        return routes;
    }
}

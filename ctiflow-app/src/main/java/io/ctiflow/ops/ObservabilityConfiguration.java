package io.ctiflow.ops;

import io.ctiflow.cluster.ClusterLeadership;
import io.ctiflow.cluster.InstanceId;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.feed.InputProgress;
import io.ctiflow.feed.Mappings;
import io.ctiflow.ops.log.CtiflowLogEncoder;
import io.ctiflow.pipeline.SecretMasker;
import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.pipeline.Stages;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;

import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Operations wiring: source health ({@code sourceHealth}, readiness checks per source), the
 * Prometheus registry camel-main's metrics and the management server's /observe/metrics use
 * ({@code metricsRegistry}, with ctiflow's FeedStats and PolicyStats bound into it), progress lines
 * for long inputs ({@code inputProgress}), the log format and the secrets the log masks.
 */
public final class ObservabilityConfiguration implements CamelConfiguration {

    /** The name camel-micrometer and camel-micrometer-prometheus look the registry up by. */
    public static final String METRICS_REGISTRY = "metricsRegistry";

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.resolveProperty("ctiflow.log.format").ifPresent(CtiflowLogEncoder::setFormat);
        String instance = InstanceId.of(properties.resolveProperty("ctiflow.instance.id").orElse(""));
        CtiflowLogEncoder.setInstance(instance);
        registerSecrets(properties);

        // camel-main (camel.metrics.enabled) made its registry already: ctiflow's meters go into that one
        MeterRegistry meters = meterRegistry(context);
        // which release answers: one series per process, the version as its label (dashboards join on it)
        Gauge.builder("ctiflow.build.info", () -> 1).description("the running ctiflow release (value always 1)")
                .tag("version", BuildVersion.current()).register(meters);
        // which instance this is: a label of its own (Prometheus' "instance" is the scrape target's host:port)
        Gauge.builder("ctiflow.instance.info", () -> 1).description("this ctiflow instance (value always 1)")
                .tag("instance_id", instance).register(meters);
        ClusterLeadership leadership = context.getRegistry().lookupByNameAndType("clusterLeadership", ClusterLeadership.class);
        if (leadership != null) {
            Gauge.builder("ctiflow.cluster.leader", () -> leadership.isLeader() ? 1 : 0)
                    .description("1 while this instance leads the namespace and runs the polling routes, else 0")
                    .tag("instance_id", instance).tag("namespace", leadership.namespace()).register(meters);
        }
        SourceHealth health = new SourceHealth(
                Integer.parseInt(properties.resolveProperty("ctiflow.health.source-failures").orElse("3")), meters);
        SourceHealthChecks checks = new SourceHealthChecks(health);
        long interval = Long.parseLong(properties.resolveProperty("ctiflow.progress.interval").orElse("10"));
        InputProgress progress = new InputProgress(interval);
        var registry = context.getRegistry();
        registry.bind("sourceHealth", health);
        registry.bind("sourceHealthChecks", checks);
        registry.bind("inputProgress", progress);
        context.getManagementStrategy().addEventNotifier(new PipelineEvents(context, health));

        // CtiflowConfiguration (added before this one) bound the stats and the policy already
        var feedStats = registry.lookupByNameAndType("feedStats", FeedStats.class);
        if (feedStats != null) {
            PipelineMeters.bind(feedStats, meters);
        }
        PolicyStats policyStats = registry.lookupByNameAndType("policyStats", PolicyStats.class);
        Policy policy = registry.lookupByNameAndType("policy", Policy.class);
        if (policyStats != null && policy != null) {
            PipelineMeters.bind(policyStats, policy, meters);
        }
        // the stage timers and delivery failures are recorded into the global registry (see Stages)
        Metrics.globalRegistry.add(meters);
        ScheduledExecutorService[] progressTimer = new ScheduledExecutorService[1];
        addStartupListener(context, (ctx, alreadyStarted) -> {
            HealthCheckRegistry healthChecks = HealthCheckRegistry.get(ctx);
            if (healthChecks != null) {
                healthChecks.register(checks);
            }
            if (interval > 0 && progressTimer[0] == null) {
                progressTimer[0] = ctx.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ctiflow-progress");
                progressTimer[0].scheduleAtFixedRate(progress::report, interval, interval, TimeUnit.SECONDS);
            }
        });
        Mappings mappings = registry.lookupByNameAndType("mappings", Mappings.class);
        boolean sharing = Boolean.parseBoolean(properties.resolveProperty("ctiflow.share.enabled").orElse("true"));
        if (policy != null && mappings != null && sharing) {
            addStartupListener(context, new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                    // the routes run now, Kamelet routes included: what they feed is known
                    SourcesMissingFromPolicy.report(ctx, policy, mappings, health);
                }
            });
        }
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext ctx) {
                if (progressTimer[0] != null) {
                    ctx.getExecutorServiceManager().shutdownNow(progressTimer[0]);
                }
                Metrics.globalRegistry.remove(meters);
            }
        });
    }

    private static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry meters = context.getRegistry().lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(METRICS_REGISTRY, meters);
        }
        return meters;
    }

    private static void addStartupListener(CamelContext context, StartupListener listener) {
        try {
            context.addStartupListener(listener);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch the Camel context start: " + e.getMessage(), e);
        }
    }

    /** Values of properties whose names look secret (resolved, e.g. from {{env:...}}) are masked in every log line. */
    private static void registerSecrets(PropertiesComponent properties) {
        Properties all = properties.loadProperties();
        for (String key : all.stringPropertyNames()) {
            if (SecretMasker.looksSecret(key)) {
                try {
                    properties.resolveProperty(key).ifPresent(SecretMasker::add);
                } catch (RuntimeException unresolvable) {
                    // a secret that is not set resolves to nothing: nothing to mask
                }
            }
        }
    }
}

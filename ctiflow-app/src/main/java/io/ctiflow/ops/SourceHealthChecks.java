package io.ctiflow.ops;

import io.ctiflow.pipeline.SecretMasker;
import io.ctiflow.pipeline.SourceHealth;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Camel readiness checks, one per source of {@link SourceHealth} ({@code source:<name>}): the
 * process is ready only while every source that ran is UP. Listed with their state on
 * /observe/health/ready; {@code ?data=true} adds last success, last failure and its reason.
 */
public final class SourceHealthChecks implements HealthCheckRepository {

    private final SourceHealth health;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private boolean enabled = true;

    public SourceHealthChecks(SourceHealth health) {
        this.health = health;
    }

    @Override
    public String getId() {
        return "ctiflow-sources";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Stream<HealthCheck> stream() {
        if (!enabled) {
            return Stream.empty();
        }
        return health.all().keySet().stream().map(source -> checks.computeIfAbsent(source, SourceCheck::new));
    }

    private final class SourceCheck extends AbstractHealthCheck {

        private final String source;

        SourceCheck(String source) {
            super("ctiflow", "source:" + source);
            this.source = source;
        }

        @Override
        public boolean isLiveness() {
            // a failing feed makes the process unready, never "dead": restarting it would not fix the feed
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            SourceHealth.State s = health.all().get(source);
            if (s == null) {
                builder.unknown();
                return;
            }
            builder.detail("source", source);
            builder.detail("last_success", s.lastSuccess() == null ? "never" : s.lastSuccess().toString());
            builder.detail("consecutive_failures", s.consecutiveFailures());
            builder.detail("failures_to_down", health.failuresToDown());
            if (s.lastFailure() != null) {
                builder.detail("last_failure", s.lastFailure().toString());
                builder.detail("last_failure_reason", jsonSafe(s.lastFailureReason()));
            }
            health.withheldReason(source).ifPresent(reason -> builder.detail("sharing", jsonSafe(reason)));
            String summary = health.withheldReason(source).map(reason -> "objects withheld: " + jsonSafe(reason) + "; ").orElse("")
                    + "last success " + (s.lastSuccess() == null ? "never" : s.lastSuccess())
                    + ", " + s.consecutiveFailures() + " consecutive failure(s)"
                    + (s.consecutiveFailures() > 0 ? ", last: " + jsonSafe(s.lastFailureReason()) : "");
            builder.message(summary);
            if (s.up(health.failuresToDown())) {
                builder.up();
            } else {
                builder.down();
            }
        }
    }

    /** Camel's health console writes messages into JSON without escaping them: keep quotes, backslashes and newlines out. */
    static String jsonSafe(String text) {
        if (text == null) {
            return "";
        }
        String s = SecretMasker.mask(text).replace('"', '\'').replace('\\', '/').replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}

package io.ctiflow.ops.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import io.ctiflow.cluster.InstanceId;
import io.ctiflow.pipeline.SecretMasker;
import org.slf4j.LoggerFactory;
/**
 * ctiflow's log encoder: a human line ({@code pattern}) or, with {@code ctiflow.log.format=json}
 * (system property, or CTIFLOW_LOG_FORMAT=json), one JSON object per line with time, level,
 * logger, thread, instance, message, MDC (Camel's route and exchange ids) and error. The instance id
 * (ctiflow.instance.id) is the logback property {@value #INSTANCE}, for {@code %property{ctiflow.instance}} in
 * a pattern: a property, not the MDC, as the MDC is per thread. Either way secrets are
 * masked ({@link SecretMasker}) before a byte is written.
 */
public final class CtiflowLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static volatile boolean json = "json".equalsIgnoreCase(initialFormat());
    /** The logback context property holding the instance id. */
    public static final String INSTANCE = "ctiflow.instance";
    // host and pid until the runtime has read ctiflow.instance.id: lines before that name the process too
    private static volatile String instance = InstanceId.fallback();

    private final PatternLayout layout = new PatternLayout();
    private String pattern = "%d{HH:mm:ss.SSS} %-5level [%property{ctiflow.instance}] [%logger{0}] %msg%n";

    private static String initialFormat() {
        String format = System.getProperty("ctiflow.log.format");
        return format != null ? format : System.getenv().getOrDefault("CTIFLOW_LOG_FORMAT", "text");
    }

    /** Switches every ctiflow encoder between "text" and "json" (the runtime calls it with ctiflow.log.format). */
    public static void setFormat(String format) {
        if (!"json".equalsIgnoreCase(format) && !"text".equalsIgnoreCase(format)) {
            throw new IllegalArgumentException("ctiflow.log.format: text or json, not '" + format + "'");
        }
        json = "json".equalsIgnoreCase(format);
    }

    /** Names this instance in every line from now on (the runtime calls it with ctiflow.instance.id). */
    public static void setInstance(String id) {
        instance = id;
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(INSTANCE, id);
        }
    }

    public static boolean isJson() {
        return json;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (getContext().getProperty(INSTANCE) == null) {
            getContext().putProperty(INSTANCE, instance);
        }
        layout.setContext(getContext());
        layout.setPattern(pattern);
        layout.start();
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = json ? json(event) : SecretMasker.mask(layout.doLayout(event));
        return line.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    private static String json(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("instance", instance);
            g.writeStringField("message", SecretMasker.mask(event.getFormattedMessage()));
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null && !mdc.isEmpty()) {
                g.writeObjectFieldStart("mdc");
                for (Map.Entry<String, String> e : new TreeMap<>(mdc).entrySet()) {
                    g.writeStringField(e.getKey(), SecretMasker.mask(e.getValue()));
                }
                g.writeEndObject();
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                g.writeStringField("error", SecretMasker.mask(ThrowableProxyUtil.asString(error)));
            }
            g.writeEndObject();
        } catch (IOException e) {
            return "{\"level\":\"ERROR\",\"message\":\"log line could not be written as JSON\"}\n";
        }
        return out.append('\n').toString();
    }
}

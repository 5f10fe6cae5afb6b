package io.ctiflow.policy;

import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a destination's endpoints in policies/destinations.yaml into the Camel endpoint URIs that
 * deliver its filtered batches: taxii → {@code taxii:}, webhook → {@code signed-webhook:}, kafka →
 * {@code direct:batch-to-kafka}, misp → {@code misp:}, siem → {@code siem:}. Secrets appear only
 * as placeholders naming the environment variable the YAML gives (or a property of that name), so
 * they are resolved when the endpoint is created and never travel in headers or logs. {@code file} and
 * {@code embedded-taxii} are delivered by the fan-out route itself.
 */
public final class DestinationEndpoints {

    private final Policy policy;

    public DestinationEndpoints(Policy policy) {
        this.policy = policy;
    }

    public static final String ENDPOINT_URI = "CtiflowEndpointUri";

    /** The scheme of ctiflow's signed webhooks (io.ctiflow.sink.WebhookComponent). */
    static final String WEBHOOK_SCHEME = "signed-webhook";
    private static final String KAFKA_ROUTE = "direct:batch-to-kafka";

    /** One message per delivery of this batch: the batch as body, the endpoint URI in {@value #ENDPOINT_URI}, for a split step. */
    public List<Message> deliveries(Exchange exchange) {
        List<Message> messages = new ArrayList<>();
        for (String uri : uris(exchange.getIn().getHeader(PipelineHeaders.DESTINATION, String.class))) {
            Message m = exchange.getIn().copy();
            m.setHeader(ENDPOINT_URI, uri);
            messages.add(m);
        }
        return messages;
    }

    /** The delivery URIs of the destination named in the fan-out's header. */
    public List<String> uris(@Header(PipelineHeaders.DESTINATION) String destination) {
        Destination d = policy.requireDestination(destination);
        List<String> uris = new ArrayList<>();
        int n = 0;
        for (Endpoint e : d.endpoints()) {
            String name = d.id() + "-" + (n++);
            String uri = uri(name, e);
            if (uri != null) {
                uris.add(uri);
            }
        }
        return uris;
    }

    static String uri(String name, Endpoint e) {
        return switch (e.kind()) {
            case "file", "embedded-taxii" -> null;
            case "taxii" -> "taxii:" + name + "?url=" + raw(e.url()) + opt("collection", e.collection())
                    + opt("username", e.setting("user")) + secret("password", e.setting("password_env")) + secret("token", e.setting("token_env"));
            case "misp" -> "misp:" + name + "?url=" + raw(e.url()) + secret("apiKey", e.setting("api_key_env"))
                    + opt("distribution", e.setting("distribution")) + opt("sharingGroup", e.setting("sharing_group"));
            case "webhook" -> WEBHOOK_SCHEME + ":" + name + "?url=" + raw(e.url()) + secret("secret", e.setting("secret_env"))
                    + opt("username", e.setting("user")) + secret("password", e.setting("password_env")) + secret("token", e.setting("token_env"));
            case "siem" -> "siem:" + name + "?transport=" + (e.setting("transport") != null ? e.setting("transport") : "tcp")
                    + opt("host", e.setting("host")) + opt("port", e.setting("port")) + opt("file", e.setting("file"));
            // one topic for all destinations (ctiflow.kafka.*); every record carries the ctiflow-destination header
            case "kafka" -> KAFKA_ROUTE;
            default -> throw new IllegalStateException("endpoint kind " + e.kind() + " of " + name + " has no sink in this build");
        };
    }

    /**
     * The destinations.yaml kind of a delivery URI, which metrics label failures with: the scheme, except
     * signed-webhook: (kind webhook; its scheme avoids Apache Camel's own webhook:) and Kafka's route
     * of its own (direct:batch-to-kafka).
     */
    public static String kindOf(String endpointUri) {
        String uri = endpointUri == null ? "" : endpointUri;
        if (uri.startsWith(KAFKA_ROUTE)) {
            return "kafka";
        }
        int colon = uri.indexOf(':');
        String scheme = colon > 0 ? uri.substring(0, colon) : "(unknown)";
        return scheme.equals(WEBHOOK_SCHEME) ? "webhook" : scheme;
    }

    private static String opt(String option, String value) {
        return value == null ? "" : "&" + option + "=" + raw(value);
    }

    /** The environment variable, else a property of the same name (e.g. from --config prod.properties); missing: the delivery fails. */
    private static String secret(String option, String envVariable) {
        return envVariable == null ? "" : "&" + option + "=RAW({{env:" + envVariable + ":{{" + envVariable + "}}}})";
    }

    private static String raw(String value) {
        return "RAW(" + value + ")";
    }
}

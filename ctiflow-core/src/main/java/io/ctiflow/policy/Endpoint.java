package io.ctiflow.policy;

import java.util.Map;

/**
 * One place a destination receives intelligence.
 *
 * @param settings the kind's other settings as written in destinations.yaml (user, token_env,
 *                 secret_env, brokers, port...); secrets only as the names of environment variables
 */
public record Endpoint(String kind, String url, String collection, String topic, boolean tls, Map<String, String> settings) {

    public Endpoint {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public String setting(String key) {
        return settings.get(key);
    }

    /** Encrypted in transit: declared TLS, an https/ssl URL, or a local file (not in transit at all). */
    public boolean encryptedInTransit() {
        if (tls || "file".equals(kind)) {
            return true;
        }
        return url != null && (url.startsWith("https://") || url.startsWith("ssl://") || url.startsWith("tls://"));
    }
}

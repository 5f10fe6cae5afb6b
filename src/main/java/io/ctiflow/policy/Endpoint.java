package io.ctiflow.policy;

/** One place a destination receives intelligence. */
public record Endpoint(String kind, String url, String collection, String topic, boolean tls) {

    /** Encrypted in transit: declared TLS, an https/ssl URL, or a local file (not in transit at all). */
    public boolean encryptedInTransit() {
        if (tls || "file".equals(kind)) {
            return true;
        }
        return url != null && (url.startsWith("https://") || url.startsWith("ssl://") || url.startsWith("tls://"));
    }
}

package io.ctiflow.sink;

import io.ctiflow.net.Backoff;
import io.ctiflow.net.HttpAuthorization;
import io.ctiflow.net.HttpErrors;
import io.ctiflow.net.TlsContexts;
import io.ctiflow.stix.StixObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

/**
 * POSTs STIX 2.1 bundles to a webhook receiver: split to at most maxBundleBytes per request
 * ({@link BundleChunks}), each signed ({@value #SIGNATURE}: sha256=&lt;hex HMAC-SHA-256 of the exact
 * body with the shared secret&gt;) and carrying an {@value #IDEMPOTENCY_KEY} (the SHA-256 of the body:
 * a retried or redelivered request repeats it, so the receiver can drop the duplicate). 2xx is
 * success; 429 (Retry-After honoured), 5xx, time-outs and refused connections are retried with
 * {@link Backoff}; other 4xx fail at once. Usable without Camel (benchmarks, tools); thread-safe.
 */
public final class WebhookClient {

    public static final String MEDIA_TYPE = "application/stix+json;version=2.1";
    public static final String SIGNATURE = "X-Signature";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String DESTINATION = "X-Ctiflow-Destination";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookClient.class);

    private final WebhookConfiguration config;
    private final URI uri;
    private final HttpClient client;
    private final String authorization;
    private final Backoff backoff;
    private final SecretKeySpec key;

    public WebhookClient(WebhookConfiguration config) {
        config.validate("webhook client");
        this.config = config;
        this.uri = URI.create(config.getUrl());
        this.authorization = HttpAuthorization.header(config.getToken(), config.getUsername(), config.getPassword());
        this.backoff = new Backoff(config.getMaxRetries(), config.getBackoff());
        this.key = new SecretKeySpec(config.getSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        try {
            this.client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofMillis(config.getConnectTimeout()))
                    .followRedirects(authorization != null ? HttpClient.Redirect.NEVER : HttpClient.Redirect.NORMAL)
                    .sslContext(TlsContexts.context(config.isTrustAllCertificates(), config.getTrustStore(),
                            config.getTrustStorePassword()))
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS for " + config.getUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends the objects in as many bundles as the size cap needs, in order; stops at the first bundle
     * that fails for good (the earlier ones were delivered; a redelivery repeats them with the same
     * idempotency keys).
     *
     * @param destination the X-Ctiflow-Destination header, or null for none
     * @throws WebhookException naming URL, status and reason
     */
    public WebhookResult send(List<StixObject> objects, String destination) {
        int requests = 0;
        long delivered = 0;
        for (BundleChunks.Chunk chunk : BundleChunks.split(objects, config.getMaxBundleBytes())) {
            if (chunk.oversized()) {
                LOG.warn("webhook {}: a bundle of {} bytes (an object with what it refers to) exceeds maxBundleBytes={};"
                        + " sent alone", uri, chunk.body().length, config.getMaxBundleBytes());
            }
            post(chunk.body(), destination);
            requests++;
            delivered += chunk.objects();
        }
        return new WebhookResult(requests, delivered);
    }

    /** The X-Signature value for a body: {@code sha256=<lowercase hex HMAC-SHA-256>}; receivers compute the same. */
    public static String signature(byte[] body, String secret) {
        return sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body);
    }

    private static String sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + BundleChunks.hex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 missing from the JVM", e);
        }
    }

    private void post(byte[] body, String destination) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(config.getReadTimeout()))
                .header("Content-Type", MEDIA_TYPE)
                .header("Accept", "application/json")
                .header(SIGNATURE, sign(key, body))
                .header(IDEMPOTENCY_KEY, BundleChunks.hex(BundleChunks.sha256().digest(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (destination != null && !destination.isEmpty()) {
            builder.header(DESTINATION, destination);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        String where = "POST " + uri;
        int attempts = backoff.attempts();
        String lastProblem = null;
        Exception lastCause = null;
        int lastStatus = 0;
        long retryAfter = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                long wait = backoff.waitBefore(attempt - 1, retryAfter);
                LOG.warn("webhook {}: {}; retry {} of {} in {} ms", where, lastProblem, attempt - 1, attempts - 1, wait);
                try {
                    Backoff.pause(wait);
                } catch (InterruptedException e) {
                    throw new WebhookException("webhook " + where + ": interrupted while waiting to retry", uri.toString(),
                            lastStatus, attempt - 1, e);
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastProblem = Backoff.describe(e);
                lastCause = e;
                lastStatus = 0;
                retryAfter = 0;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WebhookException("webhook " + where + ": interrupted", uri.toString(), lastStatus, attempt, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return;
            }
            String detail = HttpErrors.detail(response.body());
            if (status == 429 || status >= 500) {
                retryAfter = Backoff.retryAfterMillis(response.headers());
                lastProblem = "HTTP " + status + detail;
                lastStatus = status;
                lastCause = null;
                continue;
            }
            throw new WebhookException("webhook receiver " + uri + " refused the bundle: HTTP " + status + detail
                    + (status == 401 || status == 403 ? " (check token or username/password)" : "")
                    + (status == 413 ? " (lower maxBundleBytes)" : ""), uri.toString(), status, attempt, null);
        }
        throw new WebhookException("webhook " + where + " failed after " + attempts + " attempts: " + lastProblem,
                uri.toString(), lastStatus, attempts, lastCause);
    }

    @Override
    public String toString() {
        return "WebhookClient[" + config + "]";
    }
}

package io.ctiflow.connectors.otx;

import io.ctiflow.net.Backoff;
import io.ctiflow.net.HttpErrors;
import io.ctiflow.net.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * GETs of OTX pages with the consumer's error rules: 200 gives the body, 304 (after If-None-Match)
 * "unchanged"; 429, 5xx, time-outs and refused or broken connections are retried per {@link Backoff}
 * (Retry-After honoured), then fail with one line naming the URL and page; 401/403 fail at once
 * ({@link OtxAuthenticationException}). The key goes into the X-OTX-API-KEY header only, never into a
 * message, and only to the configured host: redirects are not followed.
 */
final class OtxHttpClient {

    static final String KEY_HEADER = "X-OTX-API-KEY";
    private static final Logger LOG = LoggerFactory.getLogger(OtxHttpClient.class);

    /** One answer: 200 with body and ETag (may be null), or 304 (notModified, no body). */
    record Page(boolean notModified, byte[] body, String etag) {
    }

    private final OtxConfiguration config;
    private final HttpClient client;
    private final Backoff backoff;

    OtxHttpClient(OtxConfiguration config) {
        this.config = config;
        this.backoff = new Backoff(config.getMaxRetries(), config.getBackoff());
        try {
            this.client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofMillis(config.getConnectTimeout()))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(TlsContexts.context(config.isTrustAllCertificates(), config.getTrustStore(),
                            config.getTrustStorePassword()))
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw new OtxException("cannot set up TLS for " + config.baseUrl() + ": " + e.getMessage(), e);
        }
    }

    /** GETs {@code uri}; {@code what} names it in messages ("page 2"); {@code etag} goes into If-None-Match when set. */
    Page get(URI uri, String what, String etag) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET()
                .timeout(Duration.ofMillis(config.getReadTimeout()))
                .header("Accept", "application/json");
        if (config.getApiKey() != null && !config.getApiKey().isEmpty()) {
            builder.header(KEY_HEADER, config.getApiKey());
        }
        if (etag != null) {
            builder.header("If-None-Match", etag);
        }
        HttpRequest request = builder.build();
        String where = "OTX " + uri + " (" + what + ")";
        String lastProblem = null;
        Exception lastCause = null;
        long retryAfter = 0;
        for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
            if (attempt > 1) {
                long wait = backoff.waitBefore(attempt - 1, retryAfter);
                LOG.warn("{}: {}; retry {} of {} in {} ms", where, lastProblem, attempt - 1, backoff.maxRetries(), wait);
                try {
                    Backoff.pause(wait);
                } catch (InterruptedException e) {
                    throw new OtxException(where + ": interrupted while waiting to retry", e);
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastProblem = Backoff.describe(e);
                lastCause = e;
                retryAfter = 0;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OtxException(where + ": interrupted", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return new Page(false, response.body(), response.headers().firstValue("ETag").orElse(null));
            }
            if (status == 304) {
                return new Page(true, new byte[0], etag);
            }
            String detail = HttpErrors.detail(response.body());
            if (status == 401 || status == 403) {
                throw new OtxAuthenticationException(where + " rejected the API key (HTTP " + status + ")" + detail
                        + "; check OTX_API_KEY");
            }
            if (status == 429 || status >= 500) {
                retryAfter = Backoff.retryAfterMillis(response.headers());
                lastProblem = "HTTP " + status + detail;
                lastCause = null;
                continue;
            }
            throw new OtxException(where + " refused the request: HTTP " + status + detail);
        }
        throw new OtxException(where + " failed after " + backoff.attempts() + " attempts: " + lastProblem, lastCause);
    }
}

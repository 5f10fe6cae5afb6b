package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.net.TlsContexts;
import io.ctiflow.stix.Stix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP to a TAXII 2.1 server with the error rules every taxii: request follows: 2xx gives the
 * answer; 429, 5xx, time-outs and refused or broken connections are retried with exponential
 * back-off (maxRetries times, starting at backoff, at most 60 s apart; Retry-After in seconds is
 * honoured up to that limit); 401/403 fail at once ({@link TaxiiAuthenticationException}); other
 * 4xx fail at once ({@link TaxiiRequestException}) with the server's error title. Credentials go
 * into the Authorization header only, never into a message; redirects are not followed when
 * credentials are sent, so they never travel to another host.
 */
final class TaxiiHttp {

    static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    private static final Logger LOG = LoggerFactory.getLogger(TaxiiHttp.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final TaxiiConfiguration config;
    private final HttpClient client;
    private final String authorization;

    TaxiiHttp(TaxiiConfiguration config) {
        this.config = config;
        this.authorization = authorization(config);
        try {
            this.client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofMillis(config.getConnectTimeout()))
                    .followRedirects(authorization != null ? HttpClient.Redirect.NEVER : HttpClient.Redirect.NORMAL)
                    .sslContext(TlsContexts.context(config.isTrustAllCertificates(), config.getTrustStore(),
                            config.getTrustStorePassword()))
                    .build();
        } catch (IOException e) {
            throw new TaxiiException(e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TaxiiException("cannot set up TLS for " + config.getUrl() + ": " + e.getMessage(), e);
        }
    }

    private static String authorization(TaxiiConfiguration config) {
        if (config.getToken() != null && !config.getToken().isEmpty()) {
            return "Bearer " + config.getToken();
        }
        if (config.getUsername() != null && !config.getUsername().isEmpty()) {
            String pair = config.getUsername() + ":" + (config.getPassword() == null ? "" : config.getPassword());
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** GET; {@code what} names the request in messages ("objects page 2"). */
    TaxiiResponse get(URI uri, String what) {
        return send(request(uri).GET().build(), what);
    }

    /** POSTs a TAXII envelope. */
    TaxiiResponse post(URI uri, byte[] body, String what) {
        return send(request(uri).header("Content-Type", MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), what);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(config.getReadTimeout()))
                .header("Accept", MEDIA_TYPE);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private TaxiiResponse send(HttpRequest request, String what) {
        String where = request.method() + " " + request.uri();
        int attempts = Math.max(0, config.getMaxRetries()) + 1;
        String lastProblem = null;
        Exception lastCause = null;
        long retryAfter = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                long wait = Math.max(backoff(attempt - 1), Math.min(retryAfter, MAX_BACKOFF_MILLIS));
                LOG.warn("TAXII {} ({}): {}; retry {} of {} in {} ms", where, what, lastProblem, attempt - 1,
                        attempts - 1, wait);
                pause(wait, where);
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastProblem = describe(e);
                lastCause = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaxiiException("TAXII " + where + " (" + what + "): interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new TaxiiResponse(request.uri(), status, response.headers(), response.body());
            }
            String detail = errorDetail(response.body());
            if (status == 401 || status == 403) {
                throw new TaxiiAuthenticationException("TAXII server refused " + where + " (" + what + "): HTTP "
                        + status + (status == 401 ? " not authenticated (check username/password or token)"
                        : " not allowed (the credentials lack the right for this collection)") + detail, status);
            }
            if (status == 429 || status >= 500) {
                retryAfter = retryAfterMillis(response);
                lastProblem = "HTTP " + status + detail;
                lastCause = null;
                continue;
            }
            throw new TaxiiRequestException("TAXII server refused " + where + " (" + what + "): HTTP " + status
                    + detail, status);
        }
        throw new TaxiiUnavailableException("TAXII " + where + " (" + what + ") failed after " + attempts
                + " attempts: " + lastProblem, lastCause);
    }

    private long backoff(int retry) {
        long base = Math.max(0, config.getBackoff());
        long wait = base << Math.min(retry - 1, 20);
        return Math.min(wait < 0 ? MAX_BACKOFF_MILLIS : wait, Math.max(base, MAX_BACKOFF_MILLIS));
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").trim();
        return value.matches("\\d{1,6}") ? Long.parseLong(value) * 1000 : 0;
    }

    private static void pause(long millis, String what) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaxiiException("TAXII " + what + ": interrupted while waiting to retry", e);
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
    }

    /** The TAXII error message (title, description) or the start of the body, on one line. */
    static String errorDetail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode error = Stix.mapper().readTree(body);
            if (error != null && error.hasNonNull("title")) {
                String text = error.get("title").asText()
                        + (error.hasNonNull("description") ? ": " + error.get("description").asText() : "");
                return " (" + oneLine(text) + ")";
            }
        } catch (IOException e) {
            // not a TAXII error message: show the start of the body instead
        }
        String text = oneLine(new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}

package io.ctiflow.taxii.client;

import io.ctiflow.net.Backoff;
import io.ctiflow.net.HttpAuthorization;
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
 * HTTP to a TAXII 2.1 server with the error rules every taxii: request follows: 2xx gives the
 * answer; 429, 5xx, time-outs and refused or broken connections are retried with exponential
 * back-off (maxRetries times, starting at backoff, at most 60 s apart; Retry-After is
 * honoured up to that limit); 401/403 fail at once ({@link TaxiiAuthenticationException}); other
 * 4xx fail at once ({@link TaxiiRequestException}) with the server's error title. Credentials go
 * into the Authorization header only, never into a message; redirects are not followed when
 * credentials are sent, so they never travel to another host.
 */
final class TaxiiHttp {

    static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    private static final Logger LOG = LoggerFactory.getLogger(TaxiiHttp.class);

    private final TaxiiConfiguration config;
    private final HttpClient client;
    private final String authorization;
    private final Backoff backoff;

    TaxiiHttp(TaxiiConfiguration config) {
        this.config = config;
        this.authorization = HttpAuthorization.header(config.getToken(), config.getUsername(), config.getPassword());
        this.backoff = new Backoff(config.getMaxRetries(), config.getBackoff());
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
        int attempts = backoff.attempts();
        String lastProblem = null;
        Exception lastCause = null;
        long retryAfter = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                long wait = backoff.waitBefore(attempt - 1, retryAfter);
                LOG.warn("TAXII {} ({}): {}; retry {} of {} in {} ms", where, what, lastProblem, attempt - 1,
                        attempts - 1, wait);
                pause(wait, where);
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastProblem = Backoff.describe(e);
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
                retryAfter = Backoff.retryAfterMillis(response.headers());
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

    private static void pause(long millis, String what) {
        try {
            Backoff.pause(millis);
        } catch (InterruptedException e) {
            throw new TaxiiException("TAXII " + what + ": interrupted while waiting to retry", e);
        }
    }

    /** The TAXII error message (title, description) or the start of the body, on one line. */
    static String errorDetail(byte[] body) {
        return HttpErrors.detail(body);
    }
}

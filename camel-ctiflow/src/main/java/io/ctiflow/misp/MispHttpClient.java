package io.ctiflow.misp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP to a MISP server or feed with the consumers' error rules: 2xx gives the body as a stream;
 * 429, 5xx, time-outs and refused or broken connections are retried with exponential back-off
 * (maxRetries times, starting at backoff, at most 60 s apart; a Retry-After in seconds is honoured
 * up to that limit), then fail with one clear line;
 * 401/403 fail at once ({@link MispAuthenticationException}); 404 is a {@link MispNotFoundException}.
 * The API key goes into the Authorization header only, never into a message; redirects are followed
 * only when no key is sent, so the key never travels to another host.
 */
final class MispHttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(MispHttpClient.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final MispConnectionConfiguration config;
    private final HttpClient client;

    MispHttpClient(MispConnectionConfiguration config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.getConnectTimeout()))
                .followRedirects(hasKey(config) ? HttpClient.Redirect.NEVER : HttpClient.Redirect.NORMAL)
                .sslContext(MispTls.context(config))
                .build();
    }

    /** POSTs a JSON body to {@code <url><path>}; {@code what} names the request in messages ("page 2"). */
    InputStream postJson(String path, byte[] body, String what) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), "POST " + path + " " + what);
    }

    /** GETs {@code <url>/<name>}. */
    InputStream get(String name) {
        return send(request("/" + name).GET().build(), "GET " + name);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
                .timeout(Duration.ofMillis(config.getReadTimeout()))
                .header("Accept", "application/json");
        if (hasKey(config)) {
            builder.header("Authorization", config.getApiKey());
        }
        return builder;
    }

    private static boolean hasKey(MispConnectionConfiguration config) {
        return config.getApiKey() != null && !config.getApiKey().isEmpty();
    }

    private InputStream send(HttpRequest request, String what) {
        String where = "MISP at " + config.baseUrl();
        int attempts = Math.max(0, config.getMaxRetries()) + 1;
        String lastProblem = null;
        Exception lastCause = null;
        long retryAfter = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                long wait = Math.max(backoff(attempt - 1), Math.min(retryAfter, MAX_BACKOFF_MILLIS));
                LOG.warn("{} {}: {}; retry {} of {} in {} ms", where, what, lastProblem, attempt - 1, attempts - 1, wait);
                pause(wait, where + " " + what);
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                lastProblem = describe(e);
                lastCause = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MispException(where + " " + what + ": interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.body();
            }
            String snippet = drain(response.body());
            if (status == 401 || status == 403) {
                throw new MispAuthenticationException(where + " rejected the API key (HTTP " + status + ") on " + what + snippet);
            }
            if (status == 404) {
                throw new MispNotFoundException(where + " has no " + request.uri().getPath() + " (HTTP 404) on " + what);
            }
            if (status == 429 || status >= 500) {
                retryAfter = retryAfterMillis(response);
                lastProblem = "HTTP " + status + snippet;
                lastCause = null;
                continue;
            }
            throw new MispException(where + " refused " + what + ": HTTP " + status + snippet);
        }
        throw new MispUnavailableException(where + " failed " + what + " after " + attempts + " attempts: "
                + lastProblem, lastCause);
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
            throw new MispException(what + ": interrupted while waiting to retry", e);
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
    }

    /** The start of an error body, on one line, for the message; the rest is discarded. */
    private static String drain(InputStream body) {
        try (InputStream in = body) {
            byte[] head = in.readNBytes(200);
            in.transferTo(OutputStream.nullOutputStream());
            String text = new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
            return text.isEmpty() ? "" : " (" + text + ")";
        } catch (IOException e) {
            return "";
        }
    }
}

package io.ctiflow.connectors.http;

import io.ctiflow.state.HttpValidators;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A polite poll of one HTTP feed, for connector Kamelets (declared in the template's {@code beans}):
 * one request per call, GET or POST with an optional body and one extra header (an API key), and
 * <ul>
 * <li><b>conditional GET</b>: the last answer's {@code ETag} and {@code Last-Modified} go back as
 * {@code If-None-Match} / {@code If-Modified-Since}; a 304 yields no body;</li>
 * <li><b>rate limits</b>: a 429 (or 503) with {@code Retry-After} (seconds or an HTTP date) yields
 * no body and every call before that time is skipped without a request;</li>
 * <li>any other 4xx/5xx throws {@link HttpFeedException}, for the route's error handler (retries,
 * dead letter).</li>
 * </ul>
 * The body is the response stream, unread: the pipeline streams it. No pagination, no
 * checkpoints: those belong to API-specific clients (e.g. {@code io.ctiflow.connectors.otx}).
 * The validators are kept in the state store (registry bean {@code httpValidators}) once the
 * exchange that carried the answer completed without error, so a restart does not fetch an
 * unchanged feed again, and a feed whose processing failed is fetched in full next time.
 */
public class HttpFeedFetcher {

    /** Header set on every call: the HTTP status, or 0 when the call was skipped (rate limited). */
    public static final String STATUS = "CtiflowHttpStatus";

    private static final Logger LOG = LoggerFactory.getLogger(HttpFeedFetcher.class);

    private final HttpClient client;
    private final Clock clock;
    private String url;
    private String method = "GET";
    private String body;
    private String contentType = "application/json";
    private String headerName;
    private String headerValue;
    private int timeoutSeconds = 60;
    private int defaultRetryAfterSeconds = 60;

    private String etag;
    private String lastModified;
    private Instant notBefore = Instant.MIN;
    private HttpValidators validators;
    private boolean restored;

    public HttpFeedFetcher() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build(),
                Clock.systemUTC());
    }

    HttpFeedFetcher(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Fetches the feed into the exchange's body; a null body means nothing new (304, or rate limited). */
    public void fetch(Exchange exchange) throws IOException, InterruptedException {
        HttpValidators store = validators != null ? validators
                : exchange.getContext().getRegistry().lookupByNameAndType("httpValidators", HttpValidators.class);
        restore(store);
        InputStream in = fetch();
        exchange.getIn().setHeader(STATUS, lastStatus);
        exchange.getIn().setBody(in);
        if (in != null && store != null && (etag != null || lastModified != null)) {
            HttpValidators.Validators answered = new HttpValidators.Validators(etag, lastModified);
            String fetched = url;
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onComplete(Exchange done) {
                    // a route's error handler may have handled a failure: then the feed was not fully processed
                    if (done.getProperty(Exchange.EXCEPTION_CAUGHT) == null) {
                        store.save(fetched, answered);
                    }
                }
            });
        }
    }

    /** Takes the validators of the last run from the store, once, unless this instance already has its own. */
    private synchronized void restore(HttpValidators store) {
        if (restored || store == null || url == null) {
            return;
        }
        restored = true;
        if (etag == null && lastModified == null) {
            store.load(url).ifPresent(v -> {
                etag = v.etag();
                lastModified = v.lastModified();
                LOG.debug("{}: validators of the last run restored (ETag {}, Last-Modified {})", url, etag, lastModified);
            });
        }
    }

    /** Where the validators are kept (default: the registry bean {@code httpValidators}, when there is one). */
    public void setValidators(HttpValidators validators) {
        this.validators = validators;
    }

    private int lastStatus;

    /** One poll: the response stream, or null when there is nothing new or the server asked us to wait. */
    public synchronized InputStream fetch() throws IOException, InterruptedException {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("HttpFeedFetcher: no url set");
        }
        Instant now = clock.instant();
        if (now.isBefore(notBefore)) {
            lastStatus = 0;
            LOG.debug("{}: rate limited until {}, poll skipped", url, notBefore);
            return null;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeoutSeconds));
        if ("POST".equalsIgnoreCase(method)) {
            request.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).header("Content-Type", contentType);
        } else {
            request.GET();
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
        }
        if (headerName != null && !headerName.isBlank() && headerValue != null && !headerValue.isBlank()) {
            request.header(headerName, headerValue);
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        lastStatus = response.statusCode();
        int status = response.statusCode();
        if (status == 304) {
            response.body().close();
            LOG.debug("{}: not modified", url);
            return null;
        }
        if (status == 429 || status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
            response.body().close();
            notBefore = now.plusSeconds(retryAfterSeconds(response.headers().firstValue("Retry-After").orElse(null), now));
            LOG.warn("{}: {} (rate limited), next poll not before {}", url, status, notBefore);
            return null;
        }
        if (status >= 400) {
            response.body().close();
            throw new HttpFeedException(url, status);
        }
        etag = response.headers().firstValue("ETag").orElse(null);
        lastModified = response.headers().firstValue("Last-Modified").orElse(null);
        return response.body();
    }

    /** Seconds to wait: {@code Retry-After} as delta-seconds or an HTTP date, else the default. */
    long retryAfterSeconds(String retryAfter, Instant now) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return defaultRetryAfterSeconds;
        }
        String v = retryAfter.trim();
        if (v.matches("\\d{1,9}")) {
            return Long.parseLong(v);
        }
        try {
            long s = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).getSeconds();
            return Math.max(0, s);
        } catch (DateTimeParseException e) {
            return defaultRetryAfterSeconds;
        }
    }

    public Instant notBefore() {
        return notBefore;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public void setHeaderName(String headerName) {
        this.headerName = headerName;
    }

    public void setHeaderValue(String headerValue) {
        this.headerValue = headerValue;
    }

    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public void setDefaultRetryAfterSeconds(int defaultRetryAfterSeconds) {
        this.defaultRetryAfterSeconds = defaultRetryAfterSeconds;
    }

    /** A feed answered with an error status other than 304 or a rate limit. */
    public static final class HttpFeedException extends IOException {
        private final int status;

        public HttpFeedException(String url, int status) {
            super(url + " answered HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}

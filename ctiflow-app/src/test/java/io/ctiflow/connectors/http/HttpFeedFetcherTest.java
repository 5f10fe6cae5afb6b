package io.ctiflow.connectors.http;

import com.sun.net.httpserver.HttpServer;
import io.ctiflow.state.HttpValidators;
import io.ctiflow.state.StateStore;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Conditional GET, 429 + Retry-After and errors, against a JDK HTTP server on 127.0.0.1. */
class HttpFeedFetcherTest {

    private HttpServer server;
    private final List<String> seen = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed", exchange -> {
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            seen.add(exchange.getRequestMethod() + " inm=" + inm + " key=" + exchange.getRequestHeaders().getFirst("Auth-Key")
                    + " body=" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int s = status.get();
            if (s == 200 && "\"v1\"".equals(inm)) {
                s = 304;
            }
            if (s == 429) {
                exchange.getResponseHeaders().add("Retry-After", "120");
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            byte[] body = "a,b\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(s, s == 304 ? -1 : body.length);
            if (s != 304) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void conditionalGetThenRateLimitThenError() throws Exception {
        MovableClock clock = new MovableClock();
        HttpFeedFetcher fetcher = new HttpFeedFetcher(HttpClient.newHttpClient(), clock);
        fetcher.setUrl(url);
        try (InputStream in = fetcher.fetch()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
        }
        assertThat(fetcher.fetch()).as("unchanged: 304, no body").isNull();
        assertThat(seen).containsExactly("GET inm=null key=null body=", "GET inm=\"v1\" key=null body=");

        status.set(429);
        assertThat(fetcher.fetch()).isNull();
        assertThat(fetcher.notBefore()).isEqualTo(clock.now.plusSeconds(120));
        clock.now = clock.now.plus(Duration.ofSeconds(60));
        assertThat(fetcher.fetch()).as("still waiting: no request").isNull();
        assertThat(seen).hasSize(3);

        clock.now = clock.now.plus(Duration.ofSeconds(61));
        status.set(500);
        assertThatThrownBy(fetcher::fetch).isInstanceOf(HttpFeedFetcher.HttpFeedException.class).hasMessageContaining("HTTP 500");
        assertThat(seen).hasSize(4);
    }

    @Test
    void postWithApiKeyHeader() throws Exception {
        HttpFeedFetcher fetcher = new HttpFeedFetcher();
        fetcher.setUrl(url);
        fetcher.setMethod("POST");
        fetcher.setBody("{\"query\":\"get_iocs\",\"days\":1}");
        fetcher.setHeaderName("Auth-Key");
        fetcher.setHeaderValue("k-123");
        try (InputStream in = fetcher.fetch()) {
            assertThat(in).isNotNull();
        }
        assertThat(seen).containsExactly("POST inm=null key=k-123 body={\"query\":\"get_iocs\",\"days\":1}");
    }

    @Test
    void retryAfterAsHttpDate() {
        HttpFeedFetcher fetcher = new HttpFeedFetcher();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(fetcher.retryAfterSeconds("Thu, 01 Jan 2026 00:05:00 GMT", now)).isEqualTo(300);
        assertThat(fetcher.retryAfterSeconds("soon", now)).isEqualTo(60);
        assertThat(fetcher.retryAfterSeconds(null, now)).isEqualTo(60);
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    /** One poll through a real route, as a connector Kamelet does; {@code failAfter}: the pipeline fails after the fetch. */
    private Object pollOnce(HttpValidators validators, boolean failAfter) throws Exception {
        HttpFeedFetcher fetcher = new HttpFeedFetcher(); // a new instance: what a restart gets
        fetcher.setUrl(url);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("httpValidators", validators);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).handled(true); // like ctiflow-remote-sources: recorded, not rethrown
                    from("direct:poll").bean(fetcher, "fetch").process(e -> {
                        Object body = e.getIn().getBody();
                        e.getIn().setBody(body == null ? null : new String(((InputStream) body).readAllBytes(), StandardCharsets.UTF_8));
                        if (failAfter) {
                            throw new IllegalStateException("disk full");
                        }
                    });
                }
            });
            context.start();
            return context.createProducerTemplate().requestBody("direct:poll", (Object) null);
        }
    }

    @Test
    void validatorsSurviveARestartSoAnUnchangedFeedIsNotFetchedAgain() throws Exception {
        try (StateStore store = StateStore.open(
                StateStore.h2Url(dir.resolve("ctiflow")), "sa", "")) {
            HttpValidators validators = new HttpValidators(store);
            assertThat(pollOnce(validators, false)).isEqualTo("a,b\n");
            assertThat(pollOnce(validators, false)).as("after a restart: 304, nothing to process").isNull();
            assertThat(seen).containsExactly("GET inm=null key=null body=", "GET inm=\"v1\" key=null body=");
        }
    }

    @Test
    void validatorsOfAnAnswerWhoseProcessingFailedAreNotKept() throws Exception {
        try (StateStore store = StateStore.open(
                StateStore.h2Url(dir.resolve("ctiflow")), "sa", "")) {
            HttpValidators validators = new HttpValidators(store);
            pollOnce(validators, true);
            assertThat(pollOnce(validators, false)).as("fetched in full again").isEqualTo("a,b\n");
            assertThat(seen).containsExactly("GET inm=null key=null body=", "GET inm=null key=null body=");
            assertThat(validators.load(url)).contains(new HttpValidators.Validators("\"v1\"", null));
        }
    }
}

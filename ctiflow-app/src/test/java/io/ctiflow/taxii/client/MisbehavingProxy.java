package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * A test-only HTTP proxy in front of the real embedded TAXII server that adds what the real server
 * never does: HTTP errors with Retry-After, slow answers, ignoring limit, repeating a page, dropping
 * next, empty pages that claim more. Everything else is forwarded unchanged (headers included), and
 * every request is recorded.
 */
final class MisbehavingProxy implements AutoCloseable {

    /** One request as the proxy saw it. */
    record Seen(String method, String pathAndQuery, int bodyBytes, int status) {
    }

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect");

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failStatus;
    private volatile String retryAfter;
    private final AtomicInteger slow = new AtomicInteger();
    private volatile long slowMillis;
    private volatile int limitFactor = 1;
    private volatile boolean dropNext;
    private volatile int repeatFromPage = -1;
    private volatile int emptyMoreAtPage = -1;
    private volatile UnaryOperator<ObjectNode> rewriteStatus;
    private volatile long advertisedMax;
    private final AtomicInteger objectPages = new AtomicInteger();
    private volatile byte[] lastPage;
    private volatile Map<String, List<String>> lastPageHeaders;

    private MisbehavingProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy for the server whose base is {@code target} (scheme, host and port). */
    static MisbehavingProxy in(URI target) throws IOException {
        return new MisbehavingProxy(target);
    }

    /** The proxy's URL for a URL of the real server. */
    String url(String realUrl) {
        URI real = URI.create(realUrl);
        return "http://127.0.0.1:" + server.getAddress().getPort() + real.getRawPath()
                + (real.getRawQuery() == null ? "" : "?" + real.getRawQuery());
    }

    /** The next {@code count} requests get {@code status} (with Retry-After when given) without reaching the server. */
    MisbehavingProxy failNext(int count, int status, String retryAfterSeconds) {
        failStatus = status;
        retryAfter = retryAfterSeconds;
        failures.set(count);
        return this;
    }

    /** The next {@code count} requests are answered only after {@code millis}. */
    MisbehavingProxy slowNext(int count, long millis) {
        slowMillis = millis;
        slow.set(count);
        return this;
    }

    /** Object requests ask the server for factor times the client's limit: the client gets more than it asked for. */
    MisbehavingProxy ignoreLimit(int factor) {
        limitFactor = factor;
        return this;
    }

    /** Envelopes lose their next: the client must continue from the last date_added. */
    MisbehavingProxy dropNext() {
        dropNext = true;
        return this;
    }

    /** From the given object page (1-based, counted over the proxy's life) on, the previous page is sent again. */
    MisbehavingProxy repeatPageFrom(int page) {
        repeatFromPage = page;
        return this;
    }

    /** The given object page (1-based) is answered with an empty envelope that says more=true. */
    MisbehavingProxy emptyPageWithMoreAt(int page) {
        emptyMoreAtPage = page;
        return this;
    }

    /** Status resources (POST answers and status GETs) are changed before they reach the client. */
    MisbehavingProxy rewriteStatus(UnaryOperator<ObjectNode> rewrite) {
        rewriteStatus = rewrite;
        return this;
    }

    /** Back to forwarding everything unchanged. */
    MisbehavingProxy behave() {
        failures.set(0);
        slow.set(0);
        limitFactor = 1;
        dropNext = false;
        repeatFromPage = -1;
        emptyMoreAtPage = -1;
        rewriteStatus = null;
        advertisedMax = 0;
        return this;
    }

    /** API roots claim this max_content_length, while the server still enforces its own. */
    MisbehavingProxy advertiseMaxContentLength(long bytes) {
        advertisedMax = bytes;
        return this;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    int objectPagesServed() {
        return objectPages.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            if (slow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                pause(slowMillis);
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (retryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", retryAfter);
                }
                byte[] body = ("{\"title\":\"injected by the test proxy\",\"http_status\":\"" + failStatus + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                seen.add(new Seen(exchange.getRequestMethod(), pathAndQuery, requestBody.length, failStatus));
                exchange.sendResponseHeaders(failStatus, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            boolean objectsGet = "GET".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().endsWith("/objects/");
            String forwardQuery = objectsGet && limitFactor > 1 ? multiplyLimit(pathAndQuery) : pathAndQuery;
            int page = objectsGet ? objectPages.incrementAndGet() : 0;
            if (objectsGet && page == emptyMoreAtPage) {
                seen.add(new Seen("GET", pathAndQuery, 0, 200));
                send(exchange, 200, Map.of("Content-Type", List.of(TaxiiHttp.MEDIA_TYPE)),
                        "{\"more\":true,\"objects\":[]}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (objectsGet && repeatFromPage > 0 && page >= repeatFromPage && lastPage != null) {
                seen.add(new Seen("GET", pathAndQuery, 0, 200));
                send(exchange, 200, lastPageHeaders, lastPage);
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, forwardQuery, requestBody);
            byte[] body = answer.body();
            boolean isStatus = answer.statusCode() / 100 == 2 && (exchange.getRequestURI().getPath().contains("/status/")
                    || "POST".equals(exchange.getRequestMethod()));
            if (objectsGet && dropNext && answer.statusCode() == 200) {
                ObjectNode envelope = (ObjectNode) Stix.mapper().readTree(body);
                envelope.remove("next");
                body = Stix.mapper().writeValueAsBytes(envelope);
            } else if (advertisedMax > 0 && answer.statusCode() == 200 && "GET".equals(exchange.getRequestMethod())
                    && body.length > 0 && Stix.mapper().readTree(body).has("max_content_length")) {
                ObjectNode root = (ObjectNode) Stix.mapper().readTree(body);
                body = Stix.mapper().writeValueAsBytes(root.put("max_content_length", advertisedMax));
            } else if (isStatus && rewriteStatus != null) {
                body = Stix.mapper().writeValueAsBytes(rewriteStatus.apply((ObjectNode) Stix.mapper().readTree(body)));
            }
            if (objectsGet && answer.statusCode() == 200) {
                lastPage = body;
                lastPageHeaders = answer.headers().map();
            }
            seen.add(new Seen(exchange.getRequestMethod(), pathAndQuery, requestBody.length, answer.statusCode()));
            send(exchange, answer.statusCode(), answer.headers().map(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, String pathAndQuery, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(pathAndQuery))
                .method(exchange.getRequestMethod(), body.length == 0 && "GET".equals(exchange.getRequestMethod())
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private String multiplyLimit(String pathAndQuery) {
        Matcher m = Pattern.compile("([?&]limit=)(\\d+)").matcher(pathAndQuery);
        return m.find() ? m.replaceFirst("$1" + Long.parseLong(m.group(2)) * limitFactor) : pathAndQuery;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}

package io.ctiflow.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
/**
 * A webhook receiver on 127.0.0.1 as a partner would write it: checks the X-Signature HMAC against
 * the shared secret (401 when wrong) and keeps every accepted bundle. It can be told to answer the
 * next requests with an error (and Retry-After), or every request.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Delivery(byte[] body, JsonNode bundle, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Failure(int status, String retryAfter) {
    }

    private final String secret;
    private final int port;
    private HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Deque<Failure> next = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Failure always;
    private final AtomicInteger stalls = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    private WebhookReceiver(String secret, int port) {
        this.secret = secret;
        this.port = port;
    }

    public static WebhookReceiver start(String secret) {
        WebhookReceiver receiver = new WebhookReceiver(secret, freePort());
        receiver.up();
        return receiver;
    }

    /** A receiver whose port is known but which is not listening yet (see {@link #up()}). */
    public static WebhookReceiver down(String secret) {
        return new WebhookReceiver(secret, freePort());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void up() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        // a stalled request must not hold up the next one (the default runs handlers on one thread)
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    synchronized void failNext(int times, int status, String retryAfter) {
        for (int i = 0; i < times; i++) {
            next.add(new Failure(status, retryAfter));
        }
    }

    /** The next requests get no answer until the client gave up (at most 5 s, or until close). */
    void stallNext(int times) {
        stalls.set(times);
    }

    void failAlways(int status) {
        always = new Failure(status, null);
    }

    int requests() {
        return requests.get();
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (stalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try {
                    released.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            Failure failure;
            synchronized (this) {
                failure = always != null ? always : next.poll();
            }
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                answer(exchange, failure.status(), "{\"title\":\"test receiver says " + failure.status() + "\"}");
                return;
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Signature");
            if (signature == null || !MessageDigest.isEqual(signature.getBytes(),
                    WebhookClient.signature(body, secret).getBytes())) {
                answer(exchange, 401, "{\"title\":\"bad signature\"}");
                return;
            }
            deliveries.add(new Delivery(body, Stix.mapper().readTree(body), Map.copyOf(exchange.getRequestHeaders())));
            answer(exchange, 202, "{}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        released.countDown();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }
}

package io.ctiflow.connectors.otx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
/**
 * An OTX API for tests on 127.0.0.1: {@code GET /api/v1/pulses/subscribed} and {@code /activity} over
 * real pulses (samples/subscribed-pulses.input.json), newest modified first as OTX answers; checks
 * X-OTX-API-KEY (401 without, 403 with a wrong one), honours modified_since (inclusive) and
 * limit/page, links {@code next} as an absolute URL until the last page, sends an ETag and answers
 * 304 to a matching If-None-Match. The next requests can be told to fail: {@code 429} (Retry-After: 1),
 * {@code 500}, {@code html} (a 200 HTML error page), {@code truncated} (a 200 page cut in half), or
 * {@code ok} to let one request through first.
 */
final class OtxTestServer implements AutoCloseable {

    static final String API_KEY = "otx-5f1c27d84e6b4a0f9d2e-NOT-A-REAL-KEY";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server saw of one request. */
    record Request(String path, Map<String, String> query, String apiKey, String ifNoneMatch, int status) {
    }

    private final HttpServer server;
    private final List<ObjectNode> pulses = new CopyOnWriteArrayList<>();
    private final Deque<String> faults = new ConcurrentLinkedDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    OtxTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/pulses/", this::pulses);
        server.start();
        OtxSamples.pulses().forEach(p -> pulses.add((ObjectNode) p.deepCopy()));
    }

    static OtxTestServer start() {
        try {
            return new OtxTestServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a pulse, or replaces the one with its id (an edited pulse). */
    void put(ObjectNode pulse) {
        pulses.removeIf(p -> p.get("id").asText().equals(pulse.get("id").asText()));
        pulses.add(pulse);
    }

    /** A copy of the sample pulse with this id, with a new id and modified time. */
    ObjectNode copy(String id, String newId, String modified) {
        ObjectNode copy = pulses.stream().filter(p -> p.get("id").asText().equals(id)).findFirst().orElseThrow().deepCopy();
        return copy.put("id", newId).put("modified", modified);
    }

    void fail(String... next) {
        faults.addAll(List.of(next));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void pulses(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String key = exchange.getRequestHeaders().getFirst("X-OTX-API-KEY");
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            // recorded before the answer goes out, so a test that got its answer sees the request
            exchange.setAttribute("request", new Request(path, query, key, ifNoneMatch, 0));
            answer(exchange, path, query, key, ifNoneMatch);
        }
    }

    private int answer(HttpExchange exchange, String path, Map<String, String> query, String key, String ifNoneMatch) throws IOException {
        if (key == null) {
            return send(exchange, 401, "application/json", "{\"detail\": \"Authentication credentials were not provided.\"}");
        }
        if (!API_KEY.equals(key)) {
            return send(exchange, 403, "application/json", "{\"detail\": \"Invalid API key.\"}");
        }
        if (!path.equals("/api/v1/pulses/subscribed") && !path.equals("/api/v1/pulses/activity")) {
            return send(exchange, 404, "application/json", "{\"detail\": \"Not found.\"}");
        }
        String fault = faults.poll();
        if ("429".equals(fault)) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            return send(exchange, 429, "application/json", "{\"detail\": \"Request was throttled.\"}");
        }
        if ("500".equals(fault)) {
            return send(exchange, 500, "text/plain", "Internal Server Error");
        }
        if ("html".equals(fault)) {
            return send(exchange, 200, "text/html", "<!DOCTYPE html><html><head><title>OTX maintenance</title></head><body>Back soon</body></html>");
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        Instant since = query.containsKey("modified_since") ? OtxTime.parse(query.get("modified_since"), "modified_since") : null;
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode p : pulses) {
            if (since == null || !modified(p).isBefore(since)) {
                matching.add(p);
            }
        }
        matching.sort(Comparator.comparing(OtxTestServer::modified).reversed().thenComparing(p -> p.get("id").asText()));
        int from = Math.min((page - 1) * limit, matching.size());
        int to = Math.min(from + limit, matching.size());
        ObjectNode body = JSON.createObjectNode().put("count", matching.size());
        if (to < matching.size()) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("page", String.valueOf(page + 1));
            StringBuilder u = new StringBuilder(url()).append(path).append('?');
            next.forEach((k, v) -> u.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
            body.put("next", u.substring(0, u.length() - 1));
        } else {
            body.putNull("next");
        }
        body.putNull("previous");
        ArrayNode results = body.putArray("results");
        matching.subList(from, to).forEach(results::add);
        String text = JSON.writeValueAsString(body);
        if ("truncated".equals(fault)) {
            return send(exchange, 200, "application/json", text.substring(0, text.length() / 2));
        }
        String etag = "\"" + sha256(text) + "\"";
        exchange.getResponseHeaders().add("ETag", etag);
        if (etag.equals(ifNoneMatch)) {
            log(exchange, 304);
            exchange.sendResponseHeaders(304, -1);
            return 304;
        }
        return send(exchange, 200, "application/json", text);
    }

    private static Instant modified(JsonNode pulse) {
        return OtxTime.parse(pulse.get("modified").asText(), "modified");
    }

    private void log(HttpExchange exchange, int status) {
        Request r = (Request) exchange.getAttribute("request");
        requests.add(new Request(r.path(), r.query(), r.apiKey(), r.ifNoneMatch(), status));
    }

    private int send(HttpExchange exchange, int status, String type, String body) throws IOException {
        log(exchange, status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

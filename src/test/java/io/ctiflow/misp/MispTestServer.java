package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A MISP server for tests on 127.0.0.1: {@code POST /events/restSearch} over real sample events
 * (429 comes with Retry-After: 1; API key check: 401 without, 403 with a wrong one; filters timestamp (>=), published, tags with
 * OR/NOT, eventid, org, threat_level_id; page/limit; answers in insertion order, so the consumer
 * cannot rely on sorted answers) and {@code GET /feeds/<name>/<file>} serving feed folders. The next
 * N requests can be made to fail with a status or to answer garbage.
 */
final class MispTestServer implements AutoCloseable {

    static final String API_KEY = "k3y-9f1c27d84e6b4a0f-NOT-A-REAL-KEY";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ObjectNode> events = new LinkedHashMap<>();
    private final Map<String, Path> feeds = new ConcurrentHashMap<>();
    private final Deque<Integer> failures = new ConcurrentLinkedDeque<>();
    private final List<JsonNode> searches = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    private MispTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events/restSearch", this::restSearch);
        server.createContext("/feeds/", this::feed);
        server.start();
    }

    static MispTestServer start() {
        try {
            return new MispTestServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds sample events by file stem of src/test/resources/data/misp/events. */
    MispTestServer withEvents(String... names) {
        for (String name : names) {
            ObjectNode event = (ObjectNode) sample(name).get("Event");
            synchronized (events) {
                events.put(event.get("uuid").asText(), event);
            }
        }
        return this;
    }

    static JsonNode sample(String name) {
        try (InputStream in = MispTestServer.class.getResourceAsStream("/data/misp/events/" + name + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event was edited in MISP: it gets a new timestamp. */
    void touch(String uuid, long timestamp) {
        synchronized (events) {
            events.get(uuid).put("timestamp", Long.toString(timestamp));
        }
    }

    Collection<String> uuids() {
        synchronized (events) {
            return List.copyOf(events.keySet());
        }
    }

    long timestampOf(String uuid) {
        synchronized (events) {
            return Long.parseLong(events.get(uuid).get("timestamp").asText());
        }
    }

    /** The next {@code count} requests answer this HTTP status; 200 means a 200 with a body that is not JSON. */
    void failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            failures.add(status);
        }
    }

    /** The next {@code count} requests are answered normally (to queue a failure after them). */
    void passNext(int count) {
        failNext(count, 0);
    }

    String serveFeed(String name, Path dir) {
        feeds.put(name, dir);
        return url() + "/feeds/" + name;
    }

    /** The restSearch bodies received, in order. */
    List<JsonNode> searches() {
        return List.copyOf(searches);
    }

    /** Every request path, in order. */
    List<String> paths() {
        return List.copyOf(paths);
    }

    private void restSearch(HttpExchange http) throws IOException {
        try (http) {
            paths.add(http.getRequestURI().getPath());
            String key = http.getRequestHeaders().getFirst("Authorization");
            if (key == null) {
                send(http, 401, "{\"name\":\"Authentication failed. Please make sure you pass the API key\"}");
                return;
            }
            if (!API_KEY.equals(key)) {
                send(http, 403, "{\"name\":\"Authentication failed.\",\"message\":\"Forbidden\"}");
                return;
            }
            if (failed(http)) {
                return;
            }
            if (!"POST".equals(http.getRequestMethod())) {
                send(http, 405, "{}");
                return;
            }
            JsonNode query = JSON.readTree(http.getRequestBody());
            searches.add(query);
            List<ObjectNode> matches = new ArrayList<>();
            synchronized (events) {
                for (ObjectNode event : events.values()) {
                    if (matches(event, query)) {
                        matches.add(event.deepCopy());
                    }
                }
            }
            int limit = query.path("limit").asInt(Integer.MAX_VALUE);
            int page = query.path("page").asInt(1);
            long from = Math.min((long) (page - 1) * limit, matches.size());
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode response = answer.putArray("response");
            matches.stream().skip(from).limit(limit).forEach(e -> response.addObject().set("Event", e));
            send(http, 200, JSON.writeValueAsString(answer));
        }
    }

    private static boolean matches(ObjectNode event, JsonNode query) {
        if (query.has("timestamp") && Long.parseLong(event.get("timestamp").asText()) < query.get("timestamp").asLong()) {
            return false;
        }
        if (query.has("published") && event.path("published").asBoolean() != query.get("published").asBoolean()) {
            return false;
        }
        if (query.has("threat_level_id")
                && !event.path("threat_level_id").asText().equals(query.get("threat_level_id").asText())) {
            return false;
        }
        if (query.has("org") && !query.get("org").asText().equalsIgnoreCase(event.path("Orgc").path("name").asText())) {
            return false;
        }
        if (query.has("eventid")) {
            boolean listed = false;
            for (JsonNode id : query.get("eventid")) {
                listed |= id.asText().equals(event.path("uuid").asText()) || id.asText().equals(event.path("id").asText());
            }
            if (!listed) {
                return false;
            }
        }
        return tagsMatch(event, query.get("tags"));
    }

    private static boolean tagsMatch(ObjectNode event, JsonNode tags) {
        if (tags == null) {
            return true;
        }
        List<String> names = new ArrayList<>();
        event.path("Tag").forEach(t -> names.add(t.path("name").asText().toLowerCase(Locale.ROOT)));
        for (JsonNode not : tags.path("NOT")) {
            if (names.contains(not.asText().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        if (!tags.has("OR")) {
            return true;
        }
        for (JsonNode or : tags.get("OR")) {
            if (names.contains(or.asText().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private void feed(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            paths.add(path);
            if (failed(http)) {
                return;
            }
            String[] parts = path.split("/", 4);
            Path dir = parts.length == 4 ? feeds.get(parts[2]) : null;
            Path file = dir == null ? null : dir.resolve(parts[3]).normalize();
            if (file == null || !file.startsWith(dir) || !Files.isRegularFile(file)) {
                send(http, 404, "not found");
                return;
            }
            send(http, 200, Files.readString(file));
        }
    }

    private boolean failed(HttpExchange http) throws IOException {
        Integer status = failures.poll();
        if (status == null || status == 0) {
            return false;
        }
        http.getRequestBody().transferTo(OutputStream.nullOutputStream());
        if (status == 429) {
            http.getResponseHeaders().set("Retry-After", "1");
        }
        send(http, status, status == 200 ? "<html><body>MISP is under maintenance</body></html>" : "error");
        return true;
    }

    private static void send(HttpExchange http, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", status == 200 && body.startsWith("{")
                ? "application/json" : "text/plain");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

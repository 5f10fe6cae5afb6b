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
 * cannot rely on sorted answers), {@code GET /feeds/<name>/<file>} serving feed folders, and for the
 * producer {@code GET /events/view/<uuid>} (404 when unknown), {@code POST /events/add} (400 for an existing
 * uuid, an attribute without type or value, distribution 4 without sharing group) and
 * {@code POST /events/edit/<uuid>} (attributes matched by uuid, as MISP does). The next N requests can be
 * made to fail with a status (4xx with a MISP-style JSON error) or to answer garbage.
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
        server.createContext("/events/add", this::add);
        server.createContext("/events/edit/", this::edit);
        server.createContext("/events/view/", this::view);
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

    /** Adds sample events by file stem of ctiflow-app/src/test/resources/data/misp/events. */
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

    /** A stored event (as the producer wrote it, with id and timestamp added), or null. */
    ObjectNode event(String uuid) {
        synchronized (events) {
            ObjectNode e = events.get(uuid);
            return e == null ? null : e.deepCopy();
        }
    }

    /** API key checked (401/403 as MISP answers), then a queued failure; false when the request was answered. */
    private boolean admitted(HttpExchange http) throws IOException {
        paths.add(http.getRequestMethod() + " " + http.getRequestURI().getPath());
        String key = http.getRequestHeaders().getFirst("Authorization");
        if (key == null) {
            send(http, 401, "{\"name\":\"Authentication failed. Please make sure you pass the API key\"}");
            return false;
        }
        if (!API_KEY.equals(key)) {
            send(http, 403, "{\"name\":\"Authentication failed.\",\"message\":\"Forbidden\"}");
            return false;
        }
        return !failed(http);
    }

    private void view(HttpExchange http) throws IOException {
        try (http) {
            if (!admitted(http)) {
                return;
            }
            ObjectNode event = event(http.getRequestURI().getPath().substring("/events/view/".length()));
            if (event == null) {
                error(http, 404, "Invalid event.", null);
                return;
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("Event", event);
            send(http, 200, JSON.writeValueAsString(answer));
        }
    }

    private void add(HttpExchange http) throws IOException {
        try (http) {
            if (!admitted(http)) {
                return;
            }
            ObjectNode event = eventOf(http);
            String problem = invalid(event);
            synchronized (events) {
                if (problem == null && events.containsKey(event.path("uuid").asText())) {
                    problem = "An event with this uuid already exists.";
                }
                if (problem != null) {
                    error(http, 400, "Could not add Event", problem);
                    return;
                }
                event.put("id", Integer.toString(events.size() + 1));
                event.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
                numberAttributes(event);
                events.put(event.get("uuid").asText(), event);
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("Event", event);
            send(http, 200, JSON.writeValueAsString(answer));
        }
    }

    private void edit(HttpExchange http) throws IOException {
        try (http) {
            if (!admitted(http)) {
                return;
            }
            String uuid = http.getRequestURI().getPath().substring("/events/edit/".length());
            ObjectNode update = eventOf(http);
            String problem = invalid(update);
            synchronized (events) {
                ObjectNode event = events.get(uuid);
                if (event == null) {
                    error(http, 404, "Invalid event", null);
                    return;
                }
                if (problem != null) {
                    error(http, 400, "Could not edit Event", problem);
                    return;
                }
                ArrayNode attributes = (ArrayNode) event.get("Attribute");
                for (JsonNode a : update.path("Attribute")) {
                    int found = -1;
                    for (int i = 0; i < attributes.size(); i++) {
                        found = attributes.get(i).path("uuid").asText().equals(a.path("uuid").asText()) ? i : found;
                    }
                    ObjectNode copy = ((ObjectNode) a).deepCopy();
                    if (found >= 0) {
                        copy.set("id", attributes.get(found).get("id"));
                        attributes.set(found, copy);
                    } else {
                        attributes.add(copy);
                    }
                }
                update.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("Attribute") && !f.getKey().equals("uuid")) {
                        event.set(f.getKey(), f.getValue());
                    }
                });
                event.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
                numberAttributes(event);
                ObjectNode answer = JSON.createObjectNode();
                answer.set("Event", event.deepCopy());
                send(http, 200, JSON.writeValueAsString(answer));
            }
        }
    }

    private static ObjectNode eventOf(HttpExchange http) throws IOException {
        JsonNode body = JSON.readTree(http.getRequestBody());
        return (ObjectNode) (body.has("Event") ? body.get("Event") : body);
    }

    private static String invalid(ObjectNode event) {
        if (event.path("distribution").asText().equals("4") && event.path("sharing_group_id").asText("").isEmpty()) {
            return "sharing_group_id: the sharing group is required with distribution 4";
        }
        for (JsonNode a : event.path("Attribute")) {
            if (a.path("type").asText("").isEmpty() || a.path("value").asText("").isEmpty()) {
                return "Attribute " + a.path("uuid").asText() + ": type and value are required";
            }
        }
        return null;
    }

    private static void numberAttributes(ObjectNode event) {
        if (!event.has("Attribute")) {
            event.putArray("Attribute");
        }
        int id = 1;
        for (JsonNode a : event.get("Attribute")) {
            ((ObjectNode) a).put("id", Integer.toString(id++));
        }
    }

    private static void error(HttpExchange http, int status, String name, String problem) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("message", problem == null ? name : name + ": " + problem);
        body.put("url", http.getRequestURI().getPath());
        send(http, status, JSON.writeValueAsString(body));
    }

    private void restSearch(HttpExchange http) throws IOException {
        try (http) {
            if (!admitted(http)) {
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
        if (status >= 400 && status < 500 && status != 429) {
            error(http, status, "Could not process the request", "rejected by the test server");
            return true;
        }
        send(http, status, status == 200 ? "<html><body>MISP is under maintenance</body></html>" : "error");
        return true;
    }

    private static void send(HttpExchange http, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", body.startsWith("{")
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

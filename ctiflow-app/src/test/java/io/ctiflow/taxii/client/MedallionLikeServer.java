package io.ctiflow.taxii.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TAXII 2.1 objects endpoint that pages the way the OASIS reference server medallion does
 * (medallion/backends/memory_backend.py, set_next/get_next): the first request of a query gets one
 * random {@code next}; the server keeps the rest of the result under it and every later page of that
 * query carries the same value, until the last page drops it. A {@code next} with other filter
 * arguments than the query it belongs to is a 400, as in medallion. Only what the client's reads
 * need: GET {@code /api1/collections/<id>/objects/} with limit, added_after and next; no credentials.
 */
final class MedallionLikeServer implements AutoCloseable {

    static final String COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
    private static final String OBJECTS = "/api1/collections/" + COLLECTION + "/objects/";

    private record Stored(StixObject object, String dateAdded) {
    }

    /** What is left of one query: its filter arguments and the objects not yet served. */
    private record Query(String addedAfter, Deque<Stored> rest) {
    }

    private final HttpServer server;
    private final List<Stored> objects = new ArrayList<>();
    private final Map<String, Query> queries = new ConcurrentHashMap<>();
    private final List<String> nextValuesSent = new CopyOnWriteArrayList<>();

    /** Serves {@code objects} in this order, {@code perDateAdded} of them sharing one date_added (medallion gives a POST's objects one). */
    MedallionLikeServer(List<StixObject> all, int perDateAdded) throws IOException {
        Instant first = Instant.parse("2024-05-01T10:00:00Z");
        for (int i = 0; i < all.size(); i++) {
            objects.add(new Stored(all.get(i), first.plusSeconds(i / perDateAdded).toString()));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String collectionUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api1/collections/" + COLLECTION + "/";
    }

    /** Every next value the server put in an envelope, in order. */
    List<String> nextValuesSent() {
        return List.copyOf(nextValuesSent);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) || !OBJECTS.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "{\"title\":\"not found\",\"http_status\":\"404\"}", null, null);
                return;
            }
            if (!Objects.equals(exchange.getRequestHeaders().getFirst("Accept"), TaxiiHttp.MEDIA_TYPE)) {
                send(exchange, 406, "{\"title\":\"Media type in the Accept header is invalid or not found\",\"http_status\":\"406\"}",
                        null, null);
                return;
            }
            Map<String, String> args = query(exchange.getRequestURI().getRawQuery());
            int limit = Integer.parseInt(args.getOrDefault("limit", "100"));
            String next = args.get("next");
            Query q;
            if (next == null) {
                q = new Query(args.get("added_after"), new ArrayDeque<>(objects.stream()
                        .filter(o -> args.get("added_after") == null
                                || Instant.parse(o.dateAdded()).isAfter(Instant.parse(args.get("added_after"))))
                        .toList()));
                next = UUID.randomUUID().toString();
            } else {
                q = queries.get(next);
                if (q == null || !Objects.equals(q.addedAfter(), args.get("added_after"))) {
                    send(exchange, 400, "{\"title\":\"The server did not understand the request or filter parameters\","
                            + "\"http_status\":\"400\"}", null, null);
                    return;
                }
            }
            List<Stored> page = new ArrayList<>();
            while (page.size() < limit && !q.rest().isEmpty()) {
                page.add(q.rest().poll());
            }
            boolean more = !q.rest().isEmpty();
            if (more) {
                queries.put(next, q);
                nextValuesSent.add(next);
            } else {
                queries.remove(next);
            }
            StringBuilder body = new StringBuilder("{\"more\":").append(more);
            if (more) {
                body.append(",\"next\":\"").append(next).append('"');
            }
            if (!page.isEmpty()) {
                body.append(",\"objects\":[");
                for (int i = 0; i < page.size(); i++) {
                    body.append(i == 0 ? "" : ",").append(new String(page.get(i).object().json(), StandardCharsets.UTF_8));
                }
                body.append(']');
            }
            send(exchange, 200, body.append('}').toString(), page.isEmpty() ? null : page.get(0).dateAdded(),
                    page.isEmpty() ? null : page.get(page.size() - 1).dateAdded());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> args = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                args.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return args;
    }

    private static void send(HttpExchange exchange, int status, String body, String first, String last) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", TaxiiHttp.MEDIA_TYPE);
        if (first != null) {
            exchange.getResponseHeaders().set("X-TAXII-Date-Added-First", first);
            exchange.getResponseHeaders().set("X-TAXII-Date-Added-Last", last);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

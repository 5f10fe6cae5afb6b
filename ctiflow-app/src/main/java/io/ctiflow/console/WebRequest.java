package io.ctiflow.console;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request to the console and its answer: parameters (query or form), the session cookie, responses with the console's security headers. */
public final class WebRequest {

    static final String COOKIE = "ctiflow_console";
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final HttpExchange exchange;
    private final Map<String, List<String>> params;
    private Sessions.Session session;

    WebRequest(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        params = new LinkedHashMap<>();
        parse(exchange.getRequestURI().getRawQuery(), params);
        if (isPost()) {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                throw new IllegalArgumentException("form too large");
            }
            parse(new String(body, StandardCharsets.UTF_8), params);
        }
    }

    public String path() {
        return exchange.getRequestURI().getPath();
    }

    public boolean isPost() {
        return "POST".equalsIgnoreCase(exchange.getRequestMethod());
    }

    /** The parameter's first value, null when absent or blank. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
    }

    public List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    public Sessions.Session session() {
        return session;
    }

    void session(Sessions.Session session) {
        this.session = session;
    }

    String cookie() {
        List<String> headers = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(COOKIE + "=")) {
                    return p.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    void setCookie(String value, boolean clear) {
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (clear ? "; Max-Age=0" : ""));
    }

    public void html(int status, String html) throws IOException {
        send(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public void send(int status, String contentType, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        // scripts and styles only from the console itself: no inline script, no CDN
        headers.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public void header(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /** 303: after a POST the browser GETs the next page (reloading it re-sends nothing). */
    public void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(303, "text/plain; charset=utf-8", new byte[0]);
    }

    private static void parse(String raw, Map<String, List<String>> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }
}

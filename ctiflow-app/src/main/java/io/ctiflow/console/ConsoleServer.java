package io.ctiflow.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
/**
 * The web console's HTTP server (its own port, see docs/console.md): login with a form and a session cookie,
 * each page behind its role (403 otherwise), every POST checked for the session's CSRF token, static assets
 * (the charting library's webjar, the console's stylesheet and script) served from the jar.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final HttpServer server;
    private final ExecutorService threads;
    private final ConsoleUsers users;
    private final Sessions sessions;
    private final Templates templates;
    private final Map<String, Page> pages = new HashMap<>();
    private final StaticAssets assets = new StaticAssets();

    ConsoleServer(String host, int port, ConsoleUsers users, Sessions sessions, Templates templates, List<Page> pages) throws IOException {
        this.users = users;
        this.templates = templates;
        this.sessions = sessions;
        pages.forEach(p -> this.pages.put(p.path(), p));
        server = HttpServer.create(new InetSocketAddress(host, port), 50);
        threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "ctiflow-console");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::serve);
    }

    public void start() {
        server.start();
        LOG.info("web console: {}", url());
    }

    /** {@code http://host:port/}, with the real port when configured as 0. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return "http://" + host + ":" + address.getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) {
        // closed after the catch blocks below, so they can still answer
        try (exchange) {
            answer(exchange);
        }
    }

    private void answer(HttpExchange exchange) {
        try {
            WebRequest request = new WebRequest(exchange);
            String path = request.path();
            if (path.startsWith(StaticAssets.PREFIX)) {
                assets.serve(request);
                return;
            }
            request.session(sessions.find(request.cookie()).orElse(null));
            if (path.equals("/login")) {
                login(request);
                return;
            }
            if (request.session() == null) {
                request.redirect("/login");
                return;
            }
            if (request.isPost() && !request.session().csrfToken().equals(request.param("csrf"))) {
                error(request, 403, "This form has expired or did not come from the console. Reload the page and try again.");
                return;
            }
            if (path.equals("/logout") && request.isPost()) {
                sessions.close(request.session().id());
                request.setCookie("", true);
                request.redirect("/login");
                return;
            }
            Page page = pages.get(path);
            if (page == null) {
                error(request, 404, "No such page.");
            } else if (!page.roles().contains(request.session().role())) {
                error(request, 403, "Your role (" + request.session().role().word() + ") may not open this page.");
            } else {
                page.handle(request);
            }
        } catch (IllegalArgumentException e) {
            // a bad filter value (a time that is no time): say so, the message names the value's expected form
            LOG.debug("console: bad request: {}", e.getMessage());
            answerQuietly(exchange, 400, e.getMessage());
        } catch (IOException e) {
            if (clientGone(e)) {
                // a browser that went away mid-answer (a page left while its chart loaded): nobody to answer
                LOG.debug("console: {}: {}", exchange.getRequestURI().getPath(), e.toString());
            } else {
                LOG.warn("console: {} failed", exchange.getRequestURI().getPath(), e);
                answerQuietly(exchange, 500, "The console failed to answer; see the log.");
            }
        } catch (Exception e) {
            LOG.warn("console: {} failed", exchange.getRequestURI().getPath(), e);
            answerQuietly(exchange, 500, "The console failed to answer; see the log.");
        }
    }

    private void login(WebRequest request) throws IOException {
        if (!request.isPost()) {
            request.html(200, templates.render("login", request, Map.of()));
            return;
        }
        String name = request.param("user");
        String password = request.param("password");
        Optional<Role> role = users.authenticate(name, password == null ? new char[0] : password.toCharArray());
        if (role.isEmpty()) {
            LOG.info("console: failed login{}", name == null ? "" : " for a user name of " + name.length() + " characters");
            request.html(401, templates.render("login", request, Map.of("failed", true)));
            return;
        }
        if (request.session() != null) {
            sessions.close(request.session().id());
        }
        Sessions.Session session = sessions.open(name, role.get());
        LOG.info("console: {} logged in ({})", name, role.get().word());
        request.setCookie(session.id(), false);
        request.redirect("/");
    }

    private void error(WebRequest request, int status, String message) throws IOException {
        request.html(status, templates.render("error", request, Map.of("status", status, "message", message)));
    }

    private static boolean clientGone(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Broken pipe") || message.contains("Connection reset");
    }

    private static void answerQuietly(HttpExchange exchange, int status, String message) {
        try {
            byte[] body = message.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException | RuntimeException alreadyAnswered) {
            // the response had started: nothing more to say
        }
    }
}

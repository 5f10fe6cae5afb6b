package io.ctiflow.app;

import com.sun.net.httpserver.HttpServer;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.sink.WebhookClient;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
/**
 * The partner side of the demo's webhook: an HTTP endpoint on 127.0.0.1 that accepts a STIX bundle
 * only with a valid {@code X-Signature} (HMAC-SHA-256 of the body with the shared secret), as a
 * partner's receiver would, and keeps what it received under {@code <dir>/}.
 */
final class DemoWebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger bundles = new AtomicInteger();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicInteger rejected = new AtomicInteger();

    DemoWebhookReceiver(Path dir, String secret) throws IOException {
        IntelligenceFiles.createDirectories(dir);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ctiflow", http -> {
            byte[] body;
            try (InputStream in = http.getRequestBody()) {
                body = in.readAllBytes();
            }
            String expected = WebhookClient.signature(body, secret);
            String given = http.getRequestHeaders().getFirst(WebhookClient.SIGNATURE);
            int status;
            if (given == null || !MessageDigest.isEqual(expected.getBytes(), given.getBytes())) {
                rejected.incrementAndGet();
                status = 401;
            } else {
                int n = bundles.incrementAndGet();
                objects.addAndGet(Stix.mapper().readTree(body).path("objects").size());
                Files.write(IntelligenceFiles.prepare(dir.resolve(String.format("bundle-%05d.json", n))), body);
                status = 200;
            }
            http.sendResponseHeaders(status, -1);
            http.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ctiflow";
    }

    int bundles() {
        return bundles.get();
    }

    long objects() {
        return objects.get();
    }

    int rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.server.Passwords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ctiflow serve --store-url jdbc:h2:file:...} (a child process) takes POSTs, is killed with
 * SIGKILL right after the last 202, and is started again on the same file: every object it
 * acknowledged is served. The operator's URL carries no WRITE_DELAY, so H2 would keep the last
 * half second of commits in memory unless ctiflow adds WRITE_DELAY=0 itself.
 */
class ServeKillAndRestartTest {

    private static final String PASSWORD = "serve-kill-test-password";
    private static final UUID COLLECTION = UUID.fromString("3f1c9a52-6a0e-4a8e-9a57-0c2bb9a3c001");
    private static final int PER_POST = 20;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the child's logs stay when it fails
    Path tmp;

    private Process serve;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(("publisher:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor();
        }
    }

    @Test
    void everyAcknowledgedObjectSurvivesSigkill() throws Exception {
        int port = CollectionContents.freePort();
        Path config = tmp.resolve("taxii-server.yaml");
        Files.writeString(config, "users:\n  - {name: publisher, password_hash: \"" + Passwords.hash(PASSWORD.toCharArray(), 1000) + "\"}\n"
                + "api_roots:\n  - path: api1\n    title: API root\n    collections:\n"
                + "      - {id: " + COLLECTION + ", title: C, can_read: [publisher], can_write: [publisher]}\n");
        List<String> command = List.of("serve", "--config", config.toString(), "--port", Integer.toString(port),
                "--store-url", "jdbc:h2:file:" + tmp.resolve("store/x"));
        String apiRoot = "http://127.0.0.1:" + port + "/api1/";
        String objects = apiRoot + "collections/" + COLLECTION + "/objects/";

        serve = ChildCtiflow.start(tmp, tmp.resolve("first.log"), List.of(), command);
        awaitServing(apiRoot, "first.log");
        Set<String> acknowledged = new LinkedHashSet<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < PER_POST; i++) {
                ids.add("indicator--" + UUID.randomUUID());
            }
            JsonNode status = post(objects, envelope(ids));
            assertThat(status.path("status").asText()).isEqualTo("complete");
            assertThat(status.path("success_count").asInt()).isEqualTo(PER_POST);
            acknowledged.addAll(ids);
        }
        serve.destroyForcibly().waitFor(); // SIGKILL straight after the last 202: no shutdown hook, no clean close of H2

        serve = ChildCtiflow.start(tmp, tmp.resolve("second.log"), List.of(), command);
        awaitServing(apiRoot, "second.log");
        Set<String> held = new LinkedHashSet<>();
        CollectionContents.read(apiRoot, auth, COLLECTION.toString()).forEach(o -> held.add(o.path("id").asText()));
        Set<String> lost = new LinkedHashSet<>(acknowledged);
        lost.removeAll(held);
        assertThat(acknowledged).hasSizeGreaterThan(PER_POST);
        assertThat(lost).as("acknowledged with 202 but gone after kill -9 (%d of %d)", lost.size(), acknowledged.size()).isEmpty();
    }

    private void awaitServing(String apiRoot, String log) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(serve.isAlive()).as("ctiflow serve exited (see " + tmp.resolve(log) + ")").isTrue();
            try {
                return get(apiRoot).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/taxii+json;version=2.1")
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/taxii+json;version=2.1")
                .header("Content-Type", "application/taxii+json;version=2.1").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Stix.mapper().readTree(r.body());
    }

    private static String envelope(List<String> ids) {
        List<String> objects = new ArrayList<>();
        for (String id : ids) {
            objects.add("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                    + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"pattern\":\"[ipv4-addr:value = '192.0.2.1']\",\"pattern_type\":\"stix\","
                    + "\"valid_from\":\"2024-01-01T00:00:00.000Z\"}");
        }
        return "{\"objects\":[" + String.join(",", objects) + "]}";
    }
}

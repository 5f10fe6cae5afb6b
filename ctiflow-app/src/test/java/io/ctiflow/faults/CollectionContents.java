package io.ctiflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
/**
 * Reads what a TAXII 2.1 collection holds, every version of every object (match[version]=all, so
 * a duplicate delivery under another modified would show), page by page over HTTP; and what a
 * folder of bundle files holds, as the expected side.
 */
final class CollectionContents {

    private CollectionContents() {
    }

    /** Every object version in the collection titled {@code title} (or with that id) under the API root. */
    static List<JsonNode> read(String apiRootUrl, String authorization, String title) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode collections = get(http, apiRootUrl + "collections/", authorization);
        String id = null;
        for (JsonNode c : collections.path("collections")) {
            if (title.equals(c.path("title").asText()) || title.equals(c.path("id").asText())) {
                id = c.path("id").asText();
            }
        }
        if (id == null) {
            throw new IllegalStateException("no collection " + title + " at " + apiRootUrl + ": " + collections);
        }
        List<JsonNode> objects = new ArrayList<>();
        String next = null;
        do {
            String url = apiRootUrl + "collections/" + id + "/objects/?match%5Bversion%5D=all&limit=5000"
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            JsonNode page = get(http, url, authorization);
            page.path("objects").forEach(objects::add);
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);
        return objects;
    }

    private static JsonNode get(HttpClient http, String url, String authorization) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/taxii+json;version=2.1")
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return Stix.mapper().readTree(response.body());
    }

    /** How often each id occurs. */
    static Map<String, Integer> idCounts(List<JsonNode> objects) {
        Map<String, Integer> counts = new HashMap<>();
        objects.forEach(o -> counts.merge(o.path("id").asText(), 1, Integer::sum));
        return counts;
    }

    /** The ids of every object in the bundle files under {@code dir} (not its dot files). */
    static Set<String> bundleIds(Path dir) throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                Stix.mapper().readTree(f.toFile()).path("objects").forEach(o -> ids.add(o.path("id").asText()));
            }
        }
        return ids;
    }

    /** A TCP port nothing listens on right now, for a server that must come back on the same port. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package io.ctiflow.ops;

import org.apache.camel.CamelContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
/**
 * Plain HTTP calls to the management server of a route test's context; the tests switch it on, on a
 * free port of 127.0.0.1, with {@link #MANAGEMENT} as their {@code properties()}.
 */
final class OpsTestSupport {

    /** The properties that start the management server on a free port. */
    static final Map<String, String> MANAGEMENT = Map.of("ctiflow.management.enabled", "true", "ctiflow.management.port", "0");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OpsTestSupport() {
    }

    static HttpResponse<String> get(CamelContext context, String path) throws IOException, InterruptedException {
        String base = ManagementServer.baseUrl(context).orElseThrow(() -> new AssertionError("management server not running"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample of a Prometheus text scrape, by metric name and exact labels (in any order); null when absent. */
    static Double sample(String scrape, String name, Map<String, String> labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            Map<String, String> found = new HashMap<>();
            Matcher l = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(m.group(1));
            while (l.find()) {
                found.put(l.group(1), l.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                return Double.parseDouble(m.group(2));
            }
        }
        return null;
    }

    /** Drops every example feed (examples/feeds/<feed>/*.csv) into the inbox the way a producer should: a dot name, then a rename. */
    static int dropExamples(Path inbox) throws IOException {
        int count = 0;
        try (Stream<Path> files = Files.walk(Path.of("examples/feeds"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                Path target = inbox.resolve(f.getParent().getFileName().toString()).resolve(f.getFileName().toString());
                Files.createDirectories(target.getParent());
                Path temp = target.resolveSibling("." + target.getFileName());
                Files.copy(f, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                count++;
            }
        }
        return count;
    }

    /** Regular files under {@code dir}, 0 when it does not exist. */
    static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}

package io.ctiflow.ops;

import io.ctiflow.app.CtiflowRuntime;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real runtime with its management server on a free port of 127.0.0.1, and plain HTTP calls to it. */
final class OpsTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OpsTestSupport() {
    }

    static Main start(Path work, Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of("ctiflow.work", work.toString(), "ctiflow.inbox.delay", "50",
                "ctiflow.management.enabled", "true", "ctiflow.management.port", "0"));
        props.putAll(extra);
        Main main = CtiflowRuntime.create(Path.of("").toAbsolutePath(), null, props);
        main.start();
        return main;
    }

    static HttpResponse<String> get(Main main, String path) throws IOException, InterruptedException {
        String base = ManagementServer.baseUrl(main.getCamelContext()).orElseThrow(() -> new AssertionError("management server not running"));
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
}

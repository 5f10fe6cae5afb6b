package io.ctiflow.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
/**
 * The console's static files from the classpath: uPlot from its webjar (found by the version in the webjar's
 * pom.properties, so a version bump in pom.xml is all it takes), the console's own stylesheet and script. A fixed
 * list: nothing else of the classpath is reachable.
 */
final class StaticAssets {

    static final String PREFIX = "/static/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";

    private static final Map<String, String> FILES = Map.of(
            "uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "uPlot.min.css", UPLOT + "uPlot.min.css",
            "console.css", "console/static/console.css",
            "console.js", "console/static/console.js");

    void serve(WebRequest request) throws IOException {
        String resource = FILES.get(request.path().substring(PREFIX.length()));
        try (InputStream in = resource == null ? null : StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                request.send(404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            request.header("Cache-Control", "max-age=3600");
            request.send(200, resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8", in.readAllBytes());
        }
    }

    private static String webjarVersion(String name) {
        try (InputStream in = StaticAssets.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/" + name + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the " + name + " webjar is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

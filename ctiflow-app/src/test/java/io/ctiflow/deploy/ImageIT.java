package io.ctiflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctiflow.app.ConfigReference;
import io.ctiflow.ops.ManagementServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image that mvn package -Pimage made (target/ctiflow-image.tar, OCI), opened without Docker: its
 * configuration, and its layers unpacked into a root that ImageRoot runs the entrypoint in, as a container runtime
 * would: the image's user, a read-only root, a tmpfs /tmp and the work folder as the only writable mount.
 * Only with -Pimage (the profile sets ctiflow.image); without it there is no image to test.
 */
@EnabledIfSystemProperty(named = "ctiflow.image", matches = ".+")
class ImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = System.getProperty("ctiflow.version");

    @TempDir
    static Path tmp;

    private static Path root;
    private static JsonNode index;
    private static JsonNode config;

    @BeforeAll
    static void unpack() throws Exception {
        Path tar = Path.of(System.getProperty("ctiflow.image"));
        assertThat(tar).as("built by mvn package -Pimage").exists();
        Path oci = Files.createDirectories(tmp.resolve("oci"));
        exec(List.of("tar", "-xf", tar.toString(), "-C", oci.toString()));
        index = JSON.readTree(oci.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(oci, index.at("/manifests/0/digest").asText()).toFile());
        config = JSON.readTree(blob(oci, manifest.at("/config/digest").asText()).toFile());
        root = Files.createDirectories(tmp.resolve("root"));
        for (JsonNode layer : manifest.get("layers")) {
            exec(List.of("tar", "--warning=no-unknown-keyword", "-xzf", blob(oci, layer.get("digest").asText()).toString(),
                    "-C", root.toString()));
        }
    }

    private static Path blob(Path oci, String digest) {
        return oci.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command + ": " + out).isZero();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void theImageIsNamedAndLabelledWithTheVersion() {
        assertThat(index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText()).isEqualTo("ctiflow:" + VERSION);
        assertThat(config.at("/config/Labels/org.opencontainers.image.version").asText()).isEqualTo(VERSION);
        assertThat(config.at("/config/Labels/org.opencontainers.image.title").asText()).isEqualTo("ctiflow");
    }

    @Test
    void itIsForTheArchitectureItsRuntimeWasCopiedFrom() {
        String host = System.getProperty("os.arch");
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("architecture").asText()).isEqualTo(switch (host) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> host;
        });
    }

    @Test
    void itRunsAsTheNonRootUserItDeclares() throws IOException {
        String user = config.at("/config/User").asText();
        assertThat(user).isEqualTo("65532:65532");
        assertThat(Files.readAllLines(root.resolve("etc/passwd"))).contains("ctiflow:x:65532:65532:ctiflow:/var/lib/ctiflow:/sbin/nologin");
        assertThat(Files.readAllLines(root.resolve("etc/group"))).contains("ctiflow:x:65532:");
    }

    @Test
    void theEntrypointIsTheReleaseLauncherSizedByTheContainer() {
        List<String> entrypoint = strings(config.at("/config/Entrypoint"));
        assertThat(entrypoint).startsWith("/opt/java/bin/java").contains("-XX:MaxRAMPercentage=75", "-Dctiflow.home=/opt/ctiflow")
                .containsSubsequence("-cp", "/opt/ctiflow/lib/*", "io.ctiflow.app.CtiflowCli");
        assertThat(strings(config.at("/config/Cmd"))).containsExactly("run");
        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        assertThat(root.resolve("opt/ctiflow/lib/ctiflow-app-" + VERSION + ".jar")).exists();
        for (String folder : List.of("bin", "lib", "routes", "mappings", "policies", "connectors", "config", "examples")) {
            assertThat(root.resolve("opt/ctiflow").resolve(folder)).isDirectory();
        }
        assertThat(root.resolve("app")).as("Jib's own layout is filtered out").doesNotExist();
    }

    @Test
    void theWorkFolderIsTheVolumeAndThePortsAreCtiflowsDefaults() {
        assertThat(config.at("/config/Volumes").fieldNames()).toIterable().containsExactly("/var/lib/ctiflow");
        assertThat(strings(config.at("/config/Env"))).contains("CTIFLOW_WORK=/var/lib/ctiflow", "CTIFLOW_MANAGEMENT_HOST=0.0.0.0");
        ConfigReference options = ConfigReference.shipped();
        List<String> ports = Stream.of("ctiflow.taxii.server.port", "ctiflow.management.port", "ctiflow.console.port")
                .map(key -> options.option(key).orElseThrow().defaultValue() + "/tcp").toList();
        assertThat(config.at("/config/ExposedPorts").fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(ports);
    }

    @Test
    void theEntrypointSaysItsVersionOnAReadOnlyRoot() throws Exception {
        ImageRoot.Run run = new ImageRoot(root, config, tmp.resolve("work-version")).run("--version");
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out().strip()).isEqualTo("ctiflow " + VERSION);
    }

    @Test
    void theShippedRoutesAndPoliciesCheckInsideTheImage() throws Exception {
        ImageRoot.Run run = new ImageRoot(root, config, tmp.resolve("work-check")).run("run", "--check");
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("OK, nothing was started").contains("/var/lib/ctiflow/inbox").contains("/opt/ctiflow/policies");
    }

    @Test
    void runningItAnswersTheHealthProbesAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = tmp.resolve("run.log");
        Process run = new ImageRoot(root, config, tmp.resolve("work-run")).start(List.of("CTIFLOW_MANAGEMENT_PORT=" + port), log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of(ManagementServer.LIVE, ManagementServer.READY)) {
                HttpResponse<String> health = poll(http, URI.create("http://127.0.0.1:" + port + path), run, log);
                assertThat(health.statusCode()).as(path + "\n" + Files.readString(log)).isEqualTo(200);
                assertThat(health.body()).contains("UP");
            }
        } finally {
            // SIGTERM to the JVM itself (docker stop's signal); unshare then exits with its status
            run.descendants().forEach(ProcessHandle::destroy);
            if (!run.waitFor(90, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
        assertThat(run.exitValue()).as(Files.readString(log)).isIn(0, 143);
        assertThat(tmp.resolve("work-run/inbox")).as("the inbox route ran in the work volume").isDirectory();
    }

    /** The probe's answer once the server listens and the answer is UP (ready waits for every route). */
    private static HttpResponse<String> poll(HttpClient http, URI uri, Process run, Path log) throws Exception {
        HttpResponse<String> last = null;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); System.nanoTime() < deadline; Thread.sleep(500)) {
            assertThat(run.isAlive()).as("ctiflow stopped:\n" + Files.readString(log)).isTrue();
            try {
                last = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200) {
                    return last;
                }
            } catch (IOException notYetListening) {
                // the JVM is still starting
            }
        }
        assertThat(last).as("no answer from " + uri + "\n" + Files.readString(log)).isNotNull();
        return last;
    }
}

package io.ctiflow.guide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The route of docs/write-your-own-route.md (examples/own-route/urlhaus-to-partner.camel.yaml), run as a Camel user
 * runs it: a plain camel-main application with no ctiflow runtime, configuration or beans. It runs in ctiflow-core,
 * so its classpath holds ctiflow-stix and ctiflow-core only: the components (stix-normalize:, jurisdiction:) and the
 * type converters. Real URLhaus rows in, rejects out.
 */
class OwnRouteGuideTest {

    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void aPlainCamelMainAppNormalisesFiltersAndWritesWithTheRejectsDeadLettered() throws Exception {
        Path inbox = work.resolve("inbox");
        Path outbox = work.resolve("outbox");
        Path deadletter = work.resolve("deadletter");
        Path audit = work.resolve("audit");
        Files.createDirectories(inbox);
        Properties p = new Properties();
        p.put("inbox", inbox.toString());
        p.put("outbox", outbox.toString());
        p.put("deadletter", deadletter.toString());
        p.put("audit", audit.toString());
        p.put("mappings", HOME.resolve("mappings").toString());
        p.put("policies", HOME.resolve("policies").toString());
        main = new Main();
        main.setInitialProperties(p);
        main.configure().withRoutesIncludePattern("file:" + HOME.resolve("examples/own-route/urlhaus-to-partner.camel.yaml"));
        main.start();
        assertThat(main.getCamelContext().getName()).as("ctiflow's own defaults stay out of a plain application").isNotEqualTo("ctiflow");
        assertThat(main.getCamelContext().getRegistry().findByType(Object.class)).as("no ctiflow beans bound").noneMatch(
                b -> b.getClass().getName().startsWith("io.ctiflow"));

        // 6 good rows, 4 bad ones (wrong column count, bad date, empty URL, not a URL): see data/csv/SOURCE.md
        try (InputStream rows = OwnRouteGuideTest.class.getResourceAsStream("/data/csv/urlhaus-recent-test-rows.csv")) {
            Files.copy(rows, inbox.resolve("recent.csv"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/recent.csv")) || Files.exists(inbox.resolve(".failed/recent.csv")));
        assertThat(inbox.resolve(".done/recent.csv")).as("the file went through without failing").exists();
        List<Path> bundles = files(outbox);
        assertThat(bundles).hasSize(1);
        JsonNode bundle = JSON.readTree(bundles.get(0).toFile());
        assertThat(bundle.path("type").asText()).isEqualTo("bundle");
        List<String> patterns = new ArrayList<>();
        bundle.path("objects").forEach(o -> {
            if ("indicator".equals(o.path("type").asText())) {
                patterns.add(o.path("pattern").asText());
            }
        });
        assertThat(patterns).hasSize(6).anyMatch(pattern -> pattern.contains("http://198.51.100.17:40391/i"));

        List<String> rejects = Files.readAllLines(deadletter.resolve("urlhaus.jsonl"));
        assertThat(rejects).hasSize(4).allSatisfy(line -> {
            JsonNode reject = JSON.readTree(line);
            assertThat(reject.path("source").asText()).isEqualTo("urlhaus");
            assertThat(reject.path("line").asLong()).isPositive();
            assertThat(reject.path("reason").asText()).isNotBlank();
        });

        List<String> decisions = Files.readAllLines(audit.resolve("decisions.jsonl"));
        assertThat(decisions).as("one audited decision per object sent to cert-eu").hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(line -> assertThat(JSON.readTree(line).path("destination").asText()).isEqualTo("cert-eu"));
    }

    @Test
    void theGuideShowsTheRouteFileItRuns() throws IOException {
        String route = Files.readAllLines(HOME.resolve("examples/own-route/urlhaus-to-partner.camel.yaml")).stream()
                .filter(line -> !line.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        assertThat(Files.readString(HOME.resolve("docs/write-your-own-route.md"))).contains("```yaml\n" + route + "```");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

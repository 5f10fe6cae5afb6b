package io.ctiflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import io.ctiflow.app.CtiflowRouteTestSupport;
import io.ctiflow.policy.PolicyStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard and the Prometheus alert rules of deploy/ against a real scrape: ctiflow runs
 * with the management server and the embedded TAXII server, one destination has a webhook partner
 * that is down (so a delivery is retried and fails), the example feeds go through the inbox, and
 * then every metric (and every label with a fixed value) a dashboard panel or an alert rule uses
 * must be in /observe/metrics. A renamed metric breaks this test, not the operator's dashboard.
 */
class DashboardMetricsTest extends CtiflowRouteTestSupport {

    static final Path DASHBOARD = Path.of("deploy/grafana/ctiflow-dashboard.json");
    static final Path ALERTS = Path.of("deploy/prometheus/ctiflow-alerts.yml");
    private static final String SECRET = "test-webhook-secret-not-a-secret";

    @TempDir
    Path tmp;

    private HttpServer partner;
    private int taxiiPort;

    /** ncsc-uk gains a webhook partner that refuses every bundle (HTTP 400: dead-lettered at once, no retry), in a copy of the policies. */
    @Override
    protected void setupResources() throws Exception {
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        partner.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        });
        partner.start();
        String url = "http://127.0.0.1:" + partner.getAddress().getPort() + "/hook";
        Path policies = tmp.resolve("policies");
        Files.createDirectories(policies);
        for (String f : List.of("jurisdictions.yaml", "sources.yaml", "policy.yaml")) {
            Files.copy(Path.of("policies", f), policies.resolve(f));
        }
        String destinations = Files.readString(Path.of("policies/destinations.yaml"));
        String ncsc = "      - {kind: embedded-taxii, collection: ncsc-uk, tls: true}\n";
        assertThat(destinations).contains(ncsc);
        Files.writeString(policies.resolve("destinations.yaml"), destinations.replace(ncsc,
                ncsc + "      - {kind: webhook, url: \"" + url + "\", secret_env: CTIFLOW_TEST_WEBHOOK_SECRET}\n"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            taxiiPort = s.getLocalPort();
        }
    }

    @Override
    protected void cleanupResources() {
        partner.stop(0);
    }

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = new HashMap<>(OpsTestSupport.MANAGEMENT);
        p.put("ctiflow.policies", tmp.resolve("policies").toString());
        p.put("CTIFLOW_TEST_WEBHOOK_SECRET", SECRET);
        p.put("ctiflow.delivery.retries", "1");
        p.put("ctiflow.delivery.retry.delay", "10");
        p.put("ctiflow.remote.retries", "0");
        p.put("ctiflow.taxii.server.enabled", "true");
        p.put("ctiflow.taxii.server.port", Integer.toString(taxiiPort));
        return p;
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsInARealScrape() throws Exception {
        int inputs = OpsTestSupport.dropExamples(work.resolve("inbox"));
        await().atMost(Duration.ofSeconds(90)).until(() -> OpsTestSupport.countFiles(work.resolve("inbox/.done")) == inputs
                && context.getInflightRepository().size() == 0);
        // a partner's read of the embedded TAXII server (unauthenticated: 401), so its request counter exists
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + taxiiPort + "/taxii2/")).header("Accept", "application/taxii+json;version=2.1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(401);

        // the GC pause meters exist from the JVM's first collection on (reported by a notification); a short run may not have had one
        System.gc();
        await().atMost(Duration.ofSeconds(10)).until(() -> OpsTestSupport.get(context, ManagementServer.METRICS).body().contains("jvm_gc_pause_seconds_sum"));
        String scrape = OpsTestSupport.get(context, ManagementServer.METRICS).body();
        Files.writeString(Path.of("ctiflow-app/target/dashboard-scrape.txt"), scrape);
        Map<String, Map<String, Set<String>>> exported = PromQl.series(scrape);

        // what the new meters count, so the panels and alerts show something true
        // a refusal is dead-lettered at once: failures, no retries (the retry counter exists at zero, for every destination)
        Double failures = OpsTestSupport.sample(scrape, "ctiflow_delivery_failures_total", Map.of("destination", "ncsc-uk", "endpoint_kind", "webhook"));
        assertThat(failures).isGreaterThanOrEqualTo(1.0);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_delivery_retries_total", Map.of("destination", "ncsc-uk"))).isEqualTo(0.0);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_delivery_retries_total", Map.of("destination", "cert-eu"))).isEqualTo(0.0);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_dead_letters_total", Map.of("kind", "failed_delivery"))).isEqualTo(failures);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_dead_letters_total", Map.of("kind", "reject"))).isEqualTo(4.0);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_dead_letters_total", Map.of("kind", "failed_input"))).isEqualTo(0.0);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_source_up", Map.of("source", "inbox/urlhaus"))).isEqualTo(1.0);
        assertThat(OpsTestSupport.sample(scrape, "ctiflow_taxii_server_requests_total", Map.of("method", "GET", "status", "401")))
                .isEqualTo(1.0);
        Matcher stored = Pattern.compile("(?m)^ctiflow_taxii_store_objects_total (\\S+)$").matcher(scrape);
        assertThat(stored.find()).as("ctiflow_taxii_store_objects_total").isTrue();
        assertThat(Double.parseDouble(stored.group(1))).as("objects written into the embedded collections").isPositive();
        var policyStats = context.getRegistry().lookupByNameAndType("policyStats", PolicyStats.class);
        policyStats.withheldRules().forEach((destination, rules) -> rules.forEach(rule ->
                assertThat(OpsTestSupport.sample(scrape, "ctiflow_destination_withheld_total", Map.of("destination", destination, "rule", rule)))
                        .as("withheld from " + destination + " by " + rule).isEqualTo((double) policyStats.withheld(destination, rule))));
        assertThat(policyStats.withheldRules()).isNotEmpty();

        List<String> expressions = new ArrayList<>(dashboardExpressions());
        expressions.addAll(alertExpressions());
        Set<String> used = new HashSet<>();
        for (String expr : expressions) {
            for (PromQl.Selector s : PromQl.selectors(expr)) {
                used.add(s.metric());
                assertThat(exported).as("metric of `" + expr + "`").containsKey(s.metric());
                Map<String, Set<String>> labels = exported.get(s.metric());
                s.matchers().forEach((label, value) -> {
                    assertThat(labels).as("label " + label + " of " + s.metric() + " in `" + expr + "`").containsKey(label);
                    if (value != null) {
                        assertThat(labels.get(label)).as(label + "=\"" + value + "\" of " + s.metric() + " in `" + expr + "`").contains(value);
                    }
                });
            }
        }
        assertThat(used).as("the metrics the dashboard and alerts use").contains("ctiflow_feed_records_total", "ctiflow_source_up",
                "ctiflow_destination_objects_total", "ctiflow_destination_withheld_total", "ctiflow_dead_letters_total",
                "ctiflow_delivery_failures_total", "ctiflow_delivery_retries_total", "ctiflow_taxii_server_requests_total",
                "jvm_memory_used_bytes");
    }

    @Test
    void theAlertRulesAreComplete() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile());
        assertThat(rules.path("groups").isArray()).isTrue();
        Set<String> names = new HashSet<>();
        int count = 0;
        for (JsonNode group : rules.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("alert").asText();
                assertThat(name).as("alert name").isNotBlank();
                assertThat(names.add(name)).as("alert " + name + " once").isTrue();
                assertThat(rule.path("expr").asText()).as(name + " expr").isNotBlank();
                assertThat(rule.path("for").asText()).as(name + " for").matches("\\d+[smhd]");
                assertThat(rule.path("labels").path("severity").asText()).as(name + " severity").isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as(name + " description").isNotBlank();
                assertThat(PromQl.balanced(rule.path("expr").asText())).as(name + " brackets").isTrue();
                count++;
            }
        }
        assertThat(names).contains("CtiflowSourceDown", "CtiflowDeliveryFailures", "CtiflowDeadLettersGrowing", "CtiflowWithheldShareJump");
        assertThat(count).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theDashboardIsAGrafanaDashboard() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("title").asText()).isNotBlank();
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertThat(variables).containsKeys("datasource", "source", "destination");
        assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
        assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
        Set<Integer> ids = new HashSet<>();
        List<JsonNode> panels = panels(dashboard);
        assertThat(panels).hasSizeGreaterThan(10);
        for (JsonNode panel : panels) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id " + panel.path("id") + " once").isTrue();
            assertThat(panel.path("id").isInt()).as("panel id of " + panel.path("title")).isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).as("gridPos of " + panel.path("title")).isPositive();
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as("datasource of " + panel.path("title")).isEqualTo("${datasource}");
                assertThat(panel.path("targets").size()).as("targets of " + panel.path("title")).isPositive();
                for (JsonNode t : panel.path("targets")) {
                    assertThat(PromQl.balanced(t.path("expr").asText())).as("brackets of " + t.path("expr")).isTrue();
                }
            }
        }
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            p.path("panels").forEach(all::add); // a collapsed row holds its panels
        }
        return all;
    }

    static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                JsonNode q = v.path("query");
                expressions.add(PromQl.labelValuesMetric(q.isObject() ? q.path("query").asText() : q.asText()));
            }
        }
        assertThat(expressions).allSatisfy(e -> assertThat(e).isNotBlank());
        return expressions;
    }

    static List<String> alertExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile()).path("groups")
                .forEach(g -> g.path("rules").forEach(r -> expressions.add(r.path("expr").asText())));
        return expressions;
    }
}

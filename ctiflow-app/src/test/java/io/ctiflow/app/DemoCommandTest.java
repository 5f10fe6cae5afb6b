package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code ctiflow demo} as a user meets it: every kind of source (CSV and JSON feed files, the MISP
 * feed, the IMAP mailbox) reaches destinations in several jurisdictions, the printed tables agree
 * with what the destinations' files and TAXII collections hold, {@code --once} exits, and without
 * it the pipeline keeps running until stopped the way Ctrl-C stops it.
 */
class DemoCommandTest {

    private static final Pattern SOURCE_ROW = Pattern.compile("^(\\S+)\\s+(csv|json|misp feed|imap)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$");
    private static final Pattern DESTINATION_ROW = Pattern.compile(
            "^(\\S+)\\s+(\\S+)\\s+\\S+\\s+TLP:\\S+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+|-)\\s+(\\d+)\\s+\\{.*}$");
    private static final Pattern TAXII = Pattern.compile("embedded TAXII 2.1 server: (http://127.0.0.1:(\\d+)/taxii2/)  \\(user (\\S+), password (\\S+)\\)");
    private static final Pattern COLLECTION = Pattern.compile("^  collection (\\S+)\\s+(\\d+) objects  (http://\\S+)$");
    private static final Pattern IMAP = Pattern.compile("imap://127.0.0.1:(\\d+)/INBOX  \\(user (\\S+), password (\\S+)\\)");
    private static final Pattern SMTP = Pattern.compile("smtp://127.0.0.1:(\\d+)  \\(send it a report: curl .* --mail-rcpt (\\S+) -T report.eml\\)");

    @TempDir
    Path tmp;

    record SourceRow(String kind, long records, long objects, long bundles, long rejects) {
    }

    record DestinationRow(String jurisdiction, long received, long shared, long redacted, long withheld, Long inTaxii, long bundles) {
    }

    @Test
    void onceRunsEverySourceToDestinationsInThreeJurisdictionsAndExits() throws IOException {
        Path work = tmp.resolve("demo");
        CliTest.Run run = CliTest.run("demo", "--once", "--work", work.toString());
        assertThat(run.code()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out).doesNotContain(DemoCommand.RUNNING).contains("rejected records, by reason:").contains(" 0 invalid");

        // every kind of source contributed objects
        Map<String, SourceRow> sources = sources(out);
        assertThat(sources).containsKeys("cert-eu", "feodotracker", "sslbl", "urlhaus", "urlhaus-country", "shadowserver-sinkhole-http",
                "threatfox", DemoCommand.MISP_FEED, "mail");
        assertThat(sources.values().stream().map(SourceRow::kind).distinct()).containsExactlyInAnyOrder("csv", "json", "misp feed", "imap");
        for (String kind : List.of("csv", "json", "misp feed", "imap")) {
            assertThat(sources.values().stream().filter(s -> s.kind().equals(kind)).mapToLong(SourceRow::objects).sum()).as(kind).isPositive();
        }
        try (Stream<Path> mails = Files.list(Path.of("examples/mail"))) {
            assertThat(sources.get("mail").bundles()).isEqualTo(mails.filter(p -> p.toString().endsWith(".eml")).count());
        }
        assertThat(sources.get("urlhaus").rejects()).isEqualTo(4);
        assertThat(Files.readAllLines(work.resolve("deadletter/urlhaus.jsonl"))).hasSize(4);
        long objects = sources.values().stream().mapToLong(SourceRow::objects).sum();
        assertThat(out).containsPattern("total\\s+\\d+\\s+" + objects + "\\s+4\\n");

        List<Path> bundles = jsonFiles(work.resolve("stix"));
        assertThat(bundles).hasSize((int) sources.values().stream().mapToLong(SourceRow::bundles).sum());
        assertThat(bundles).anyMatch(p -> p.getFileName().toString().startsWith("threatfox-"))
                .anyMatch(p -> p.getFileName().toString().startsWith("mail-"));
        for (Path bundle : bundles) {
            StixAssertions.assertValidBundle(Stix.mapper().readTree(bundle.toFile()), bundle.toString());
        }
        try (Stream<Path> done = Files.walk(work.resolve("inbox/.done"))) {
            assertThat(done.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).contains("threatfox-api-get_iocs-1day-2022-01-02.json");
        }

        // every destination was offered every object; at least three, in three jurisdictions, got some
        Map<String, DestinationRow> destinations = destinations(out);
        assertThat(destinations).containsOnlyKeys("cert-eu", "ncsc-uk", "us-isac", "feed-vendor", "cn-partner");
        destinations.forEach((id, d) -> {
            assertThat(d.received()).as(id).isEqualTo(objects).isEqualTo(d.shared() + d.redacted() + d.withheld());
            assertThat(d.inTaxii()).as(id + " has a collection").isNotNull();
        });
        assertThat(destinations.values().stream().filter(d -> d.shared() > 0).map(DestinationRow::jurisdiction).distinct())
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(destinations.get("us-isac").withheld()).as("us-isac takes no TLP:AMBER").isPositive();
        for (Path bundle : jsonFiles(work.resolve("share/us-isac"))) {
            JsonNode b = Stix.mapper().readTree(bundle.toFile());
            StixAssertions.assertValidBundle(b, bundle.toString());
            assertThat(b.toString()).as("TLP:AMBER or AMBER+STRICT in " + bundle)
                    .doesNotContain("\"object_marking_refs\":[\"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421\"]")
                    .doesNotContain("\"object_marking_refs\":[\"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1\"]");
        }

        // the destinations' bundle files carry exactly what was shared and redacted; the TAXII
        // collection (read back over TAXII by the demo) each distinct object version of it once
        for (Map.Entry<String, DestinationRow> e : destinations.entrySet()) {
            Shared shared = shared(work.resolve("share").resolve(e.getKey()));
            assertThat(shared.objects()).as(e.getKey()).isEqualTo(e.getValue().shared() + e.getValue().redacted());
            assertThat(shared.bundles()).as(e.getKey()).isEqualTo(e.getValue().bundles());
            assertThat(e.getValue().inTaxii()).as(e.getKey()).isEqualTo(shared.versions().size());
        }
        // the publish ledger sends an endpoint each object version once: the repeats of shared objects
        // (identities, markings, malware) in later bundles are not sent again
        Matcher webhook = Pattern.compile("webhook \\(cert-eu, signed with HMAC-SHA-256\\): [1-9][0-9]* bundles, "
                + "([0-9]+) objects received at http://127.0.0.1:[0-9]+/ctiflow, 0 rejected").matcher(out);
        assertThat(webhook.find()).as(out).isTrue();
        assertThat(Long.parseLong(webhook.group(1))).isGreaterThanOrEqualTo(destinations.get("cert-eu").inTaxii())
                .isLessThan(destinations.get("cert-eu").shared() + destinations.get("cert-eu").redacted());

        // the record of transfers lists the personal data the demo really shared, as ctiflow audit transfers does, and the trail verifies
        assertThat(out).containsPattern("\\n  cert-eu\\s+EU\\s+\\S+\\s+ip-address\\s+kept\\s+[1-9]\\d*  ")
                .containsPattern("audit trail \\S+: intact, [1-9]\\d* records");
        CliTest.Run transfers = CliTest.run("audit", "transfers", "--dir", work.resolve("audit").toString(), "--format", "json");
        assertThat(transfers.code()).as(transfers.err()).isZero();
        JsonNode rows = Stix.mapper().readTree(transfers.out());
        assertThat(rows).isNotEmpty();
        for (JsonNode row : rows) {
            assertThat(out).containsPattern("\\n  " + Pattern.quote(row.path("destination").asText()) + "\\s+" + Pattern.quote(row.path("country").asText())
                    + "\\s+" + Pattern.quote(row.path("from").asText()) + "\\s+" + Pattern.quote(row.path("category").asText()) + "\\s+"
                    + Pattern.quote(row.path("action").asText()) + "\\s+" + row.path("values").asLong() + "  " + Pattern.quote(row.path("legal_basis").asText()));
        }

        // --once: the servers are gone with the command
        Matcher taxii = TAXII.matcher(out);
        assertThat(taxii.find()).isTrue();
        assertThat(out).contains("curl -u demo:" + taxii.group(4) + " -H 'Accept: application/taxii+json;version=2.1' " + taxii.group(1));
        assertClosed(Integer.parseInt(taxii.group(2)));
        Matcher imap = Pattern.compile("in the mailbox imap://127.0.0.1:(\\d+)/INBOX").matcher(out);
        assertThat(imap.find()).isTrue();
        assertClosed(Integer.parseInt(imap.group(1)));
    }

    @Test
    void withoutOnceItKeepsRunningUntilStoppedLikeCtrlC() throws Exception {
        Path work = tmp.resolve("demo");
        StringWriter buffer = new StringWriter();
        DemoCommand demo = new DemoCommand();
        CommandLine cli = new CommandLine(demo);
        cli.setOut(new PrintWriter(buffer, true));
        cli.setErr(new PrintWriter(buffer, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--work", work.toString()));
        try {
            await().atMost(Duration.ofSeconds(240)).until(() -> buffer.toString().contains(DemoCommand.RUNNING) || exit.isDone());
            String out = buffer.toString();
            assertThat(exit).as(out).isNotDone();
            Map<String, DestinationRow> destinations = destinations(out);

            // each collection, read over HTTP with the printed demo credentials, holds what the table says
            Matcher taxii = TAXII.matcher(out);
            assertThat(taxii.find()).as(out).isTrue();
            String user = taxii.group(3);
            String password = taxii.group(4);
            Matcher collection = COLLECTION.matcher("");
            int collections = 0;
            for (String line : out.lines().toList()) {
                if (collection.reset(line).matches()) {
                    collections++;
                    Set<List<String>> versions = readCollection(collection.group(3), user, password);
                    assertThat(versions).as(line).hasSize(Integer.parseInt(collection.group(2)));
                    assertThat(versions).as(line).isEqualTo(shared(work.resolve("share").resolve(collection.group(1))).versions());
                    assertThat(Long.valueOf(versions.size())).isEqualTo(destinations.get(collection.group(1)).inTaxii());
                }
            }
            assertThat(collections).isEqualTo(destinations.size());

            // the running demo answers health and metrics at the printed URLs
            Matcher health = Pattern.compile("health: +(http://127\\.0\\.0\\.1:\\d+)/observe/health").matcher(out);
            assertThat(health.find()).as(out).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            var ready = http.send(HttpRequest.newBuilder(URI.create(health.group(1) + "/observe/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            var metrics = http.send(HttpRequest.newBuilder(URI.create(health.group(1) + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher shared = Pattern.compile("^ctiflow_destination_objects_total\\{destination=\"cert-eu\",outcome=\"shared\"\\} (\\S+)$",
                    Pattern.MULTILINE).matcher(metrics.body());
            assertThat(shared.find()).as(metrics.body()).isTrue();
            assertThat(Double.parseDouble(shared.group(1))).isEqualTo((double) destinations.get("cert-eu").shared());

            // the pipeline is still live: a dropped feed file and a mail added to the mailbox are processed
            Path dropped = work.resolve("inbox/feodotracker/again.csv");
            Files.copy(Path.of("examples/feeds/feodotracker/abusech-feodotracker-ipblocklist.csv"), work.resolve("inbox/feodotracker/.again.csv"));
            Files.move(work.resolve("inbox/feodotracker/.again.csv"), dropped);
            Matcher imap = IMAP.matcher(out);
            assertThat(imap.find()).as(out).isTrue();
            long mailBundles = jsonFiles(work.resolve("stix")).stream().filter(p -> p.getFileName().toString().startsWith("mail-")).count();
            Matcher smtp = SMTP.matcher(out);
            assertThat(smtp.find()).as(out).isTrue();
            sendMail(Integer.parseInt(smtp.group(1)), smtp.group(2), Path.of("ctiflow-app/src/test/resources/data/email/synthetic-defanged-report.eml"));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(work.resolve("inbox/.done/feodotracker/again.csv"))
                    && jsonFiles(work.resolve("stix")).stream().filter(p -> p.getFileName().toString().startsWith("mail-")).count() == mailBundles + 1);

            // Ctrl-C: the shutdown hook's stop() returns once the demo has shut down
            demo.running.stop();
            assertThat(exit.get()).as(buffer.toString()).isZero();
            assertThat(buffer.toString()).contains("ctiflow demo: stopping", "ctiflow demo stopped");
            assertClosed(Integer.parseInt(taxii.group(2)));
            assertClosed(Integer.parseInt(imap.group(1)));
            assertClosed(Integer.parseInt(smtp.group(1)));
        } finally {
            demo.running.stop();
            exit.join();
        }
    }

    @Test
    void sigtermStopsTheDemoProcessCleanly() throws Exception {
        Path work = tmp.resolve("demo");
        Path log = tmp.resolve("demo.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dctiflow.home=.",
                CtiflowCli.class.getName(), "demo", "--work", work.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(240)).until(() -> Files.readString(log).contains(DemoCommand.RUNNING) || !process.isAlive());
            String out = Files.readString(log);
            assertThat(process.isAlive()).as(out).isTrue();
            Matcher taxii = TAXII.matcher(out);
            assertThat(taxii.find()).as(out).isTrue();

            process.destroy(); // SIGTERM: what the JVM does on Ctrl-C too (SIGINT), through the same shutdown hook
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
            out = Files.readString(log);
            assertThat(process.exitValue()).as(out).isEqualTo(128 + 15);
            assertThat(out).contains("ctiflow demo: stopping", "ctiflow demo stopped").doesNotContain("Exception");
            assertClosed(Integer.parseInt(taxii.group(2)));
        } finally {
            process.destroyForcibly();
        }
    }

    private static Map<String, SourceRow> sources(String out) {
        Map<String, SourceRow> rows = new LinkedHashMap<>();
        Matcher m = SOURCE_ROW.matcher("");
        out.lines().filter(l -> m.reset(l).matches()).forEach(l -> rows.put(m.group(1), new SourceRow(m.group(2), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)))));
        return rows;
    }

    static Map<String, DestinationRow> destinations(String out) {
        Map<String, DestinationRow> rows = new LinkedHashMap<>();
        Matcher m = DESTINATION_ROW.matcher("");
        out.lines().filter(l -> m.reset(l).matches()).forEach(l -> rows.put(m.group(1), new DestinationRow(m.group(2), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                m.group(7).equals("-") ? null : Long.valueOf(m.group(7)), Long.parseLong(m.group(8)))));
        return rows;
    }

    /** What a destination's bundle files hold: bundles, objects, distinct (id, modified) versions. */
    record Shared(int bundles, long objects, Set<List<String>> versions) {
    }

    private static Shared shared(Path dir) throws IOException {
        List<Path> files = jsonFiles(dir);
        long objects = 0;
        Set<List<String>> versions = new HashSet<>();
        for (Path file : files) {
            for (JsonNode o : Stix.mapper().readTree(file.toFile()).path("objects")) {
                objects++;
                versions.add(version(o));
            }
        }
        return new Shared(files.size(), objects, versions);
    }

    private static List<String> version(JsonNode o) {
        return List.of(o.path("id").asText(), o.path("modified").asText(o.path("created").asText()));
    }

    /** Every object version of a TAXII 2.1 collection, page by page, as a partner reads it. */
    private static Set<List<String>> readCollection(String collectionUrl, String user, String password) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Set<List<String>> versions = new HashSet<>();
        String next = null;
        do {
            String url = collectionUrl + "objects/?limit=500" + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                    .header("Accept", "application/taxii+json;version=2.1").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            JsonNode page = Stix.mapper().readTree(response.body());
            for (JsonNode o : page.path("objects")) {
                assertThat(versions.add(version(o))).as("a version listed twice: " + o.path("id")).isTrue();
            }
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);
        return versions;
    }

    /** Sends a mail to the demo mailbox over SMTP, as a reporter's mail server (or curl) would. */
    private static void sendMail(int port, String to, Path eml) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(smtp);
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage mail = new MimeMessage(session, in);
            Transport.send(mail, new Address[] {new InternetAddress(to)});
        }
    }

    private static void assertClosed(int port) {
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("port " + port + " still open").isInstanceOf(ConnectException.class);
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}

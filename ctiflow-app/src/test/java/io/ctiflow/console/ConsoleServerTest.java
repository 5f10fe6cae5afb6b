package io.ctiflow.console;

import io.ctiflow.app.CtiflowCli;
import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.policy.AuditLog;
import io.ctiflow.policy.Decision;
import io.ctiflow.policy.Outcome;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.state.DeadLetter;
import io.ctiflow.state.DeadLetterStore;
import io.ctiflow.state.StateStore;
import io.ctiflow.taxii.server.Passwords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's guards over plain HTTP: nothing without a login, a wrong password gets no session, each role only
 * its pages (403), a POST without the session's CSRF token changes nothing, logging out ends the session, and no
 * page shows a password or a hash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleServerTest {

    private static final String OPERATOR_PASSWORD = "operator-test-password";
    private static final String COMPLIANCE_PASSWORD = "compliance-test-password";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path tmp;

    private StateStore state;
    private DeadLetterStore deadLetters;
    private ConsoleServer server;
    private String hashes;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start() throws Exception {
        Policy policy = new PolicyLoader(Path.of("policies/schema"), name -> null).load(Path.of("policies"));
        Path audit = tmp.resolve("audit");
        try (AuditLog log = new AuditLog(audit, 1 << 20, 2)) {
            log.decided(new Decision("us-isac", "indicator--0b0cc7a4-6d2e-4f2a-9a3a-2f0f0a0a0a01", "indicator", Outcome.WITHHELD, "tlp",
                    "TLP:AMBER above the destination's TLP:GREEN"));
            log.decided(new Decision("cert-eu", "indicator--0b0cc7a4-6d2e-4f2a-9a3a-2f0f0a0a0a01", "indicator", Outcome.SHARED, "-", "allowed"));
        }
        state = StateStore.open(StateStore.h2Url(tmp.resolve("state/ctiflow")), "", "");
        deadLetters = new DeadLetterStore(state);
        hashes = "operator:" + Passwords.hash(OPERATOR_PASSWORD.toCharArray(), 1000) + ",compliance:"
                + Passwords.hash(COMPLIANCE_PASSWORD.toCharArray(), 1000);
        ConsoleUsers users = new ConsoleUsers("operator:operator, compliance:compliance", hashes);
        server = Console.create("127.0.0.1", 0, users, Duration.ofMinutes(5),
                new ConsoleSources(policy, null, audit, new SourceHealth(3, null), deadLetters, null, candidate()));
        server.start();
    }

    @AfterAll
    void stop() {
        server.close();
        state.close();
    }

    @Test
    void withoutALoginEveryPageSendsToTheLoginForm() throws Exception {
        long letter = failedInput();
        for (String page : List.of("", "decisions", "transfers", "transfers.csv", "overview.json", "dead-letters", "policy", "collections")) {
            HttpResponse<String> r = get(page, null);
            assertThat(r.statusCode()).as(page).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(page).contains("/login");
        }
        HttpResponse<String> replay = post("dead-letters", null, "id=" + letter);
        assertThat(replay.statusCode()).isEqualTo(303);
        assertThat(status(letter)).isEqualTo(DeadLetter.NEW);
    }

    @Test
    void aWrongPasswordOrUserGetsNoSession() throws Exception {
        for (String form : List.of("user=operator&password=wrong", "user=nobody&password=" + OPERATOR_PASSWORD, "user=operator")) {
            HttpResponse<String> r = post("login", null, form);
            assertThat(r.statusCode()).as(form).isEqualTo(401);
            assertThat(r.headers().firstValue("Set-Cookie")).as(form).isEmpty();
            assertThat(r.body()).contains("Wrong user name or password");
        }
    }

    @Test
    void eachRoleOpensItsPagesOnlyAndNoPageShowsASecret() throws Exception {
        String operator = logIn("operator", OPERATOR_PASSWORD);
        String compliance = logIn("compliance", COMPLIANCE_PASSWORD);
        for (String page : List.of("decisions", "transfers", "transfers.csv", "policy")) {
            assertThat(get(page, operator).statusCode()).as("operator " + page).isEqualTo(403);
            HttpResponse<String> allowed = get(page, compliance);
            assertThat(allowed.statusCode()).as("compliance " + page).isEqualTo(200);
            assertNoSecret(allowed);
        }
        for (String page : List.of("dead-letters", "collections")) {
            assertThat(get(page, compliance).statusCode()).as("compliance " + page).isEqualTo(403);
            HttpResponse<String> allowed = get(page, operator);
            assertThat(allowed.statusCode()).as("operator " + page).isEqualTo(200);
            assertNoSecret(allowed);
        }
        for (String cookie : List.of(operator, compliance)) {
            HttpResponse<String> overview = get("", cookie);
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains("us-isac").as("an intact trail has no warning").doesNotContain("are no records");
            assertThat(overview.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
            assertNoSecret(overview);
        }
        HttpResponse<String> decisions = get("decisions?destination=us-isac&outcome=withheld", compliance);
        assertThat(decisions.body()).contains("1 decisions").contains("[tlp] TLP:AMBER above the destination&#39;s TLP:GREEN");
        assertThat(get("decisions?since=yesterday", compliance).statusCode()).isEqualTo(400);
    }

    @Test
    void aReplayNeedsTheSessionsCsrfTokenAndTheOperatorRole() throws Exception {
        long letter = failedInput();
        String operator = logIn("operator", OPERATOR_PASSWORD);
        assertThat(post("dead-letters", operator, "id=" + letter).statusCode()).isEqualTo(403);
        assertThat(post("dead-letters", operator, "id=" + letter + "&csrf=forged").statusCode()).isEqualTo(403);
        String compliance = logIn("compliance", COMPLIANCE_PASSWORD);
        assertThat(post("dead-letters", compliance, "id=" + letter + "&csrf=" + csrf(get("", compliance))).statusCode()).isEqualTo(403);
        assertThat(status(letter)).isEqualTo(DeadLetter.NEW);

        HttpResponse<String> page = get("dead-letters", operator);
        HttpResponse<String> replay = post("dead-letters", operator, "id=" + letter + "&csrf=" + csrf(page));
        assertThat(replay.statusCode()).isEqualTo(303);
        assertThat(replay.headers().firstValue("Location")).contains("/dead-letters?queued=1");
        assertThat(status(letter)).isEqualTo(DeadLetter.REPLAY_REQUESTED);
    }

    @Test
    void loggingOutEndsTheSession() throws Exception {
        String operator = logIn("operator", OPERATOR_PASSWORD);
        HttpResponse<String> overview = get("", operator);
        assertThat(post("logout", operator, "csrf=" + csrf(overview)).statusCode()).isEqualTo(303);
        assertThat(get("", operator).statusCode()).isEqualTo(303);
    }

    @Test
    void thePolicyPageShowsWhatTheCandidatePolicyWouldChange() throws Exception {
        HttpResponse<String> page = get("policy", logIn("compliance", COMPLIANCE_PASSWORD));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("The candidate would newly share objects that are withheld now")
                .containsPattern("<td>us-isac</td><td>newly shared</td><td>source</td><td class=\"n\">4</td>")
                .contains("before: withheld [source] source shadowserver-sinkhole-http shares only with trust medium or higher");
    }

    /** The shipped policies with us-isac trusted medium (as PolicyDiffCliTest loosens them), and an outbox with one Shadowserver bundle. */
    private static PolicyCandidate candidate() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("candidate"));
        for (String f : PolicyLoader.FILES) {
            Files.copy(Path.of("policies", f), dir.resolve(f));
        }
        Path destinations = dir.resolve("destinations.yaml");
        Files.writeString(destinations, Files.readString(destinations).replace("    trust: low\n    max_tlp: green\n    content: [indicators, observables]",
                "    trust: medium\n    max_tlp: amber\n    content: [indicators, observables]"));
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(sources, Files.readString(sources).replace("amber_to: [cert-eu, ncsc-uk]\n", "amber_to: [cert-eu, ncsc-uk, us-isac]\n"));
        Path outbox = Files.createDirectories(tmp.resolve("stix"));
        StringWriter out = new StringWriter();
        int code = CtiflowCli.execute(new String[] {"convert", "-m", "shadowserver-sinkhole-http",
                "ctiflow-app/src/test/resources/data/csv/shadowserver-event4-sinkhole-http.csv", "-o", outbox.resolve("shadowserver.json").toString()},
                new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as(out.toString()).isZero();
        return new PolicyCandidate(dir, new PolicyLoader(Path.of("policies/schema"), name -> null)::load, outbox, 20);
    }

    @Test
    void usersAreCheckedAtStart() {
        assertThatThrownBy(() -> new ConsoleUsers("alice:admin", "alice:" + hashes.split(",")[0].substring("operator:".length())))
                .hasMessageContaining("operator or compliance");
        assertThatThrownBy(() -> new ConsoleUsers("alice:operator", "")).hasMessageContaining("no hash for console user alice");
        assertThatThrownBy(() -> new ConsoleUsers("alice:operator", "alice:plaintext")).hasMessageContaining("ctiflow.console.password-hash of alice")
                .hasMessageNotContaining("plaintext");
        assertThatThrownBy(() -> new ConsoleUsers("", "")).hasMessageContaining("names nobody");
    }

    private void assertNoSecret(HttpResponse<String> r) {
        assertThat(r.body()).doesNotContain(OPERATOR_PASSWORD).doesNotContain(COMPLIANCE_PASSWORD).doesNotContain("pbkdf2$");
    }

    private long failedInput() {
        return deadLetters.add(new DeadLetterStore.Entry(DeadLetter.FAILED_INPUT, "partner-c2", "/nowhere/.failed/x.csv", "no mapping", null));
    }

    private String status(long letter) {
        return deadLetters.byIds(List.of(letter)).get(0).status();
    }

    private String logIn(String user, String password) throws Exception {
        HttpResponse<String> r = post("login", null, "user=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(303);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

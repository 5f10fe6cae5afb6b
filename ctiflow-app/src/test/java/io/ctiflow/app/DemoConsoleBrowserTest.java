package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.console.Chromium;
import io.ctiflow.policy.Explanation;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console of the running demo in a real browser (Debian's Chromium): log in with the printed
 * credentials, see the demo's numbers, search a decision and read its explanation, replay a dead letter,
 * download the record of transfers; a role without a page gets 403. One demo and one browser for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoConsoleBrowserTest {

    private static final Pattern CONSOLE = Pattern.compile(
            "console +(http://127\\.0\\.0\\.1:\\d+/) +\\(user operator, password (\\S+); user compliance, password (\\S+)\\)");

    private Path tmp;
    private Path work;
    private Path downloads;
    private DemoCommand demo;
    private CompletableFuture<Integer> exit;
    private String out;
    private String url;
    private String operatorPassword;
    private String compliancePassword;
    private ChromeDriver browser;

    @BeforeAll
    void startDemoAndBrowser() throws Exception {
        tmp = Files.createTempDirectory("ctiflow-console");
        work = tmp.resolve("demo");
        downloads = Files.createDirectories(tmp.resolve("downloads"));
        browser = Chromium.start(tmp.resolve("profile"), downloads);
        StringWriter buffer = new StringWriter();
        demo = new DemoCommand();
        CommandLine cli = new CommandLine(demo);
        cli.setOut(new PrintWriter(buffer, true));
        cli.setErr(new PrintWriter(buffer, true));
        exit = CompletableFuture.supplyAsync(() -> cli.execute("--work", work.toString()));
        await().atMost(Duration.ofSeconds(240)).until(() -> buffer.toString().contains(DemoCommand.RUNNING) || exit.isDone());
        out = buffer.toString();
        Matcher console = CONSOLE.matcher(out);
        assertThat(console.find()).as("the demo prints the console's URL and credentials:\n" + out).isTrue();
        url = console.group(1);
        operatorPassword = console.group(2);
        compliancePassword = console.group(3);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.running.stop();
            exit.join();
        }
        if (tmp != null) {
            try (var files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneLogsIn() {
        logIn("compliance", operatorPassword);
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong user name or password");
        logIn("compliance", compliancePassword);
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("compliance (compliance)");
        assertThat(browser.getPageSource()).doesNotContain(compliancePassword).doesNotContain(operatorPassword);
    }

    @Test
    void theOverviewShowsTheNumbersOfTheDemosTable() {
        logIn("operator", operatorPassword);
        Map<String, DemoCommandTest.DestinationRow> printed = DemoCommandTest.destinations(out);
        assertThat(printed).isNotEmpty();
        for (Map.Entry<String, DemoCommandTest.DestinationRow> e : printed.entrySet()) {
            WebElement row = browser.findElement(By.cssSelector("#destinations tr[data-destination='" + e.getKey() + "']"));
            assertThat(number(row, "shared")).as(e.getKey()).isEqualTo(e.getValue().shared());
            assertThat(number(row, "redacted")).as(e.getKey()).isEqualTo(e.getValue().redacted());
            assertThat(number(row, "withheld")).as(e.getKey()).isEqualTo(e.getValue().withheld());
        }
        // every source of the demo has succeeded; the charts are drawn, one per destination
        assertThat(browser.findElements(By.cssSelector("#sources tbody tr"))).hasSizeGreaterThanOrEqualTo(9);
        assertThat(browser.findElement(By.id("sources")).getText()).contains("threatfox").doesNotContain("DOWN");
        await().atMost(Duration.ofSeconds(10)).until(() -> printed.size() == browser.findElements(By.cssSelector("#charts figure canvas")).size());
        assertThat(browser.findElement(By.id("withheld-by-rule")).getText()).contains("references");
    }

    @Test
    void aDecisionIsFoundWithTheExplanationOfTheCli() throws Exception {
        CliTest.Run search = CliTest.run("audit", "search", "--dir", work.resolve("audit").toString(), "-d", "us-isac",
                "--outcome", "withheld", "--rule", "tlp", "--format", "json", "--limit", "1");
        assertThat(search.code()).as(search.err()).isZero();
        JsonNode record = Stix.mapper().readTree(search.out()).get(0);
        String object = record.path("object").asText();

        logIn("compliance", compliancePassword);
        open(By.linkText("Decisions"));
        new Select(browser.findElement(By.id("destination"))).selectByVisibleText("us-isac");
        browser.findElement(By.id("object")).sendKeys(object);
        open(By.id("search"));
        assertThat(browser.findElement(By.id("matched")).getText()).startsWith("1 decisions");
        assertThat(browser.findElement(By.cssSelector("#decisions td.explanation")).getText())
                .isEqualTo(Explanation.line("withheld", object, record.path("rule").asText(), record.path("reason").asText()).replaceAll(" +", " "));
    }

    @Test
    void aFailedInputIsReplayedFromTheConsole() throws Exception {
        // an input no mapping reads: a failed input, replayable
        Path inbox = work.resolve("inbox");
        Files.createDirectories(inbox.resolve("no-such-feed"));
        Files.copy(Path.of("examples/feeds/feodotracker/abusech-feodotracker-ipblocklist.csv"), inbox.resolve("no-such-feed/.x.csv"));
        Files.move(inbox.resolve("no-such-feed/.x.csv"), inbox.resolve("no-such-feed/x.csv"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !deadLetters().isEmpty());
        long id = deadLetters().get(0).path("id").asLong();

        logIn("operator", operatorPassword);
        open(By.linkText("Dead letters"));
        new Select(browser.findElement(By.id("kind"))).selectByVisibleText("failed-input");
        open(By.id("filter"));
        browser.findElement(By.id("replay-" + id)).click();
        open(By.id("replay"));
        assertThat(browser.findElement(By.id("queued")).getText()).startsWith("1 dead letter(s) queued");
        assertThat(browser.findElement(By.cssSelector("#dead-letters tr[data-id='" + id + "'] .status")).getText()).isEqualTo("replay-requested");
        // the running demo takes it up within ctiflow.dead-letter.replay-interval: the file goes back into the inbox
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("replayed", "replay-failed").contains(status(id)));
        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector("#dead-letters tr[data-id='" + id + "'] .status")).getText()).isEqualTo(status(id));
    }

    @Test
    void theTransfersRecordDownloadsAsTheCliWritesIt() throws Exception {
        logIn("compliance", compliancePassword);
        open(By.linkText("Transfers"));
        assertThat(browser.findElement(By.id("transfers")).getText()).contains("ip-address");
        browser.findElement(By.id("download")).click();
        Path file = downloads.resolve("transfers.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.isRegularFile(file) && Files.size(file) > 0);
        CliTest.Run cli = CliTest.run("audit", "transfers", "--dir", work.resolve("audit").toString(), "--format", "csv");
        assertThat(cli.code()).as(cli.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo(cli.out());
    }

    @Test
    void thePolicyPageShowsTheDestinationsAndTheDiffWithTheShippedPolicy() {
        logIn("compliance", compliancePassword);
        open(By.linkText("Policy"));
        assertThat(browser.findElements(By.cssSelector("#policy-destinations tbody tr"))).hasSize(DemoCommandTest.destinations(out).size());
        // the demo's policy only adds a webhook endpoint to the shipped one: no decision changes
        assertThat(browser.findElement(By.id("diff-summary")).getText()).contains("decisions compared").contains("Nothing would change");
        assertThat(browser.getPageSource()).doesNotContain("secret_env").doesNotContain("CTIFLOW_DEMO_WEBHOOK_SECRET");
    }

    @Test
    void anOperatorMayNotOpenTheTransfersButMayBrowseTheCollections() {
        logIn("operator", operatorPassword);
        assertThat(browser.findElements(By.linkText("Transfers"))).isEmpty();
        browser.get(url + "transfers");
        assertThat(browser.findElement(By.id("error")).getText()).startsWith("403");
        open(By.linkText("Collections"));
        new Select(browser.findElement(By.id("destination"))).selectByVisibleText("cert-eu");
        open(By.id("browse"));
        assertThat(browser.findElements(By.cssSelector("#objects tbody tr"))).hasSize(50);
        assertThat(browser.findElement(By.id("next")).isDisplayed()).isTrue();
    }

    @Test
    void everyFieldHasALabelAndTheKeyboardReachesTheContentFirst() {
        logIn("compliance", compliancePassword);
        for (String page : List.of("", "decisions", "transfers", "policy")) {
            browser.get(url + page);
            // every visible form field is named by a <label for> or an aria-label, every table has a caption
            Object unlabelled = browser.executeScript("return Array.from(document.querySelectorAll('input:not([type=hidden]), select'))"
                    + ".filter(f => !f.getAttribute('aria-label') && !(f.id && document.querySelector('label[for=\"' + f.id + '\"]')))"
                    + ".map(f => f.name);");
            assertThat((List<?>) unlabelled).as(page).isEmpty();
            Object uncaptioned = browser.executeScript("return Array.from(document.querySelectorAll('table')).filter(t => !t.caption).length;");
            assertThat(((Number) uncaptioned).intValue()).as(page).isZero();
        }
        // the first Tab stop is the skip link, and Enter on it moves to the content
        browser.get(url);
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        skip.sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
        // the menu is reachable by keyboard and marks the current page
        assertThat(browser.findElement(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Overview");
    }

    /** Clicks what leads to another page and waits for that page, so nothing is read from the one before. */
    private void open(By link) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(link).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
    }

    private void logIn(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(url + "login");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        open(By.id("login"));
    }

    private List<JsonNode> deadLetters() throws Exception {
        CliTest.Run list = CliTest.run("dead-letter", "list", "--work", work.toString(), "--kind", "failed-input", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : list.out().lines().toList()) {
            rows.add(Stix.mapper().readTree(line));
        }
        return rows;
    }

    private String status(long id) throws Exception {
        return deadLetters().stream().filter(r -> r.path("id").asLong() == id).findFirst().orElseThrow().path("status").asText();
    }

    private static long number(WebElement row, String outcome) {
        return Long.parseLong(row.findElement(By.className(outcome)).getText());
    }
}

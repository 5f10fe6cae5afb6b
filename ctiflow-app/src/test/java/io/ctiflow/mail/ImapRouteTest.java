package io.ctiflow.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ctiflow.app.CtiflowRouteTestSupport;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.state.JdbcIdempotentRepository;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static io.ctiflow.mail.MailSamples.byId;
import static io.ctiflow.mail.MailSamples.ofType;
import static io.ctiflow.mail.MailSamples.patterns;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/imap-to-stix-files.camel.yaml under the real runtime against GreenMail (a real IMAP server
 * on 127.0.0.1): real and synthetic mails delivered to a mailbox become one valid bundle each, a
 * broken one a dead letter, and nothing is converted twice, not even after a restart with every
 * mail marked unread again (the UID checkpoint).
 */
@CtiflowRouteTestSupport.TestProperties({"ctiflow.share.enabled", "false", "ctiflow.imap.enabled", "true", "ctiflow.imap.protocol", "imap",
        "ctiflow.imap.host", "127.0.0.1", "ctiflow.imap.user", "soc", "ctiflow.imap.password", "test-only-password",
        "ctiflow.imap.initial-delay", "0", "ctiflow.imap.delay", "250"})
class ImapRouteTest extends CtiflowRouteTestSupport {

    private static final List<String> MAILS = List.of("netcraft-phishing-takedown-notice.eml", "google-safe-browsing-report.eml",
            "abusehub-botnet-drone-incident-report.eml", MailSamples.DEFANGED, MailSamples.BROKEN);

    private final GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));

    /** GreenMail runs, and the mails are in the mailbox, before the route's first poll. */
    @Override
    protected void setupResources() throws Exception {
        greenMail.start();
        GreenMailUser user = greenMail.setUser("soc@isp.tld", "soc", "test-only-password");
        Session session = Session.getInstance(new Properties());
        for (String name : MAILS) {
            user.deliver(new MimeMessage(session, new ByteArrayInputStream(MailSamples.bytes(name))));
        }
    }

    @Override
    protected void cleanupResources() {
        greenMail.stop();
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ctiflow.imap.port", Integer.toString(greenMail.getImap().getPort()));
    }

    /** The route polls from the start: the NotifyBuilder is made before the context starts. */
    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void mailsBecomeBundlesOnceAndABrokenOneADeadLetter() throws Exception {
        NotifyBuilder converted = whenDone("imap-to-stix-files", MAILS.size());
        context.start();
        assertDone(converted);
        Path deadLetters = work.resolve("deadletter/mail.jsonl");
        assertThat(files(work.resolve("stix"))).hasSize(4);
        assertThat(lines(deadLetters)).hasSize(3);

        for (Path bundle : files(work.resolve("stix"))) {
            StixAssertions.assertValidBundle(Stix.mapper().readTree(bundle.toFile()), bundle.toString());
        }
        JsonNode defanged = Stix.mapper().readTree(work.resolve("stix/mail-defanged-report-1_cert-example_eu-00001.json").toFile());
        JsonNode report = ofType(defanged, "report").stream().filter(r -> r.path("name").asText().equals("[TLP:AMBER] Phishing campaign indicators"))
                .findFirst().orElseThrow();
        assertThat(report.path("published").asText()).isEqualTo("2026-11-19T09:15:00.000Z");
        assertThat(byId(defanged, report.path("created_by_ref").asText()).path("name").asText()).isEqualTo("cert-example.eu");
        assertThat(report.path("extensions").path(CtiflowExtension.ID).path("personal_data").toString()).contains("email-address");
        assertThat(report.path("description").asText()).contains("soc@127.0.0.1/INBOX");
        assertThat(patterns(defanged)).contains("[url:value = 'https://login-paypa1.com/verify?id=1']", "[domain-name:value = 'evil-domain.net']",
                "[ipv4-addr:value = '203.0.113.45']", "[url:value = 'http://c2-panel.top/login']");
        assertThat(String.join("\n", patterns(defanged))).doesNotContain("google.com", "10.1.2.3", "cert-example.eu");

        JsonNode netcraft = Stix.mapper().readTree(work.resolve("stix/mail-7c257a3a18ed566a87afa55a6deff3d6_takedown_netcraft_com-00001.json").toFile());
        JsonNode netcraftReport = ofType(netcraft, "report").get(0);
        assertThat(netcraftReport.path("name").asText()).isEqualTo("Issue 9876541: [Abuse204.nl] malware attack at http://www.domain6.tld/guestbook.html");
        assertThat(netcraftReport.path("published").asText()).isEqualTo("2015-09-28T21:31:04.000Z");
        assertThat(byId(netcraft, netcraftReport.path("created_by_ref").asText()).path("identity_class").asText()).isEqualTo("organization");

        List<JsonNode> rejects = lines(deadLetters);
        assertThat(rejects).anySatisfy(r -> {
            assertThat(r.path("origin").asText()).isEqualTo("soc@127.0.0.1/INBOX/<broken-mime-1@broken-mime.example>");
            assertThat(r.path("reason").asText()).contains("broken MIME", "Missing start boundary");
        });
        assertThat(rejects).extracting(r -> r.path("reason").asText()).anyMatch(r -> r.startsWith("part 6 'broken.json': not valid JSON"));

        // processed mails are \Seen and not fetched again while the route keeps polling
        assertThat(greenMail.getReceivedMessages()).allSatisfy(m -> assertThat(m.getFlags().contains(Flags.Flag.SEEN)).isTrue());
        FeedStats stats = bean("feedStats", FeedStats.class);
        assertThat(stats.of("mail").batches.sum()).isEqualTo(MAILS.size());
        Thread.sleep(1000);
        assertThat(stats.of("mail").batches.sum()).isEqualTo(MAILS.size());
        context.stop();

        // another client marks everything unread: the UID checkpoint still knows every mail
        markAllUnseen();
        restart();
        context.start();
        Thread.sleep(1500);
        FeedStats again = bean("feedStats", FeedStats.class);
        assertThat(again.of("mail").batches.sum()).as("mails converted again after a restart").isZero();
        // the UIDs are rows of the state store (<work>/state/ctiflow.mv.db), one per fetched mail
        JdbcIdempotentRepository seen = bean("imapSeen", JdbcIdempotentRepository.class);
        assertThat(seen.size()).isEqualTo(MAILS.size());
    }

    private void markAllUnseen() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), "soc", "test-only-password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.setFlags(1, inbox.getMessageCount(), new Flags(Flags.Flag.SEEN), false);
            assertThat(inbox.getUnreadMessageCount()).isEqualTo(MAILS.size());
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                out.add(Stix.mapper().readTree(line));
            }
        }
        return out;
    }
}

package io.ctiflow.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixAssertions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.ctiflow.mail.MailSamples.bundle;
import static io.ctiflow.mail.MailSamples.byId;
import static io.ctiflow.mail.MailSamples.bytes;
import static io.ctiflow.mail.MailSamples.ofType;
import static io.ctiflow.mail.MailSamples.patterns;
import static org.assertj.core.api.Assertions.assertThat;

class MailToStixTest {

    private final MailToStix mail = MailSamples.converter(MailLimits.DEFAULT);

    @Test
    void aDefangedReportBecomesOneReportWithRefangedIndicatorsAndItsAttachments() throws Exception {
        MailConversion c = mail.convert(bytes(MailSamples.DEFANGED), "soc@isp.tld/INBOX");
        JsonNode bundle = bundle(c.batch());
        StixAssertions.assertValidBundle(bundle, MailSamples.DEFANGED);

        JsonNode report = ofType(bundle, "report").stream().filter(r -> r.path("name").asText().startsWith("[TLP:AMBER]")).findFirst().orElseThrow();
        assertThat(report.path("published").asText()).isEqualTo("2026-11-19T09:15:00.000Z");
        JsonNode sender = byId(bundle, report.path("created_by_ref").asText());
        assertThat(sender.path("name").asText()).isEqualTo("cert-example.eu");
        assertThat(sender.path("identity_class").asText()).isEqualTo("organization");
        JsonNode provenance = report.path("extensions").path(CtiflowExtension.ID);
        assertThat(provenance.path("personal_data")).extracting(JsonNode::asText).containsExactly("email-address", "name");
        assertThat(provenance.path("source_record").asText()).isEqualTo("<defanged-report-1@cert-example.eu>");
        assertThat(report.path("description").asText()).contains("jane.analyst@cert-example.eu");

        List<String> patterns = patterns(bundle);
        assertThat(patterns).contains("[url:value = 'https://login-paypa1.com/verify?id=1']", "[url:value = 'http://update-check.xyz:8080/gate.php']",
                "[domain-name:value = 'evil-domain.net']", "[email-addr:value = 'payroll@bad-actor.biz']", "[ipv4-addr:value = '203.0.113.45']",
                "[ipv6-addr:value = '2001:db8:85a3::8a2e:370:7334']", "[file:hashes.MD5 = '44d88612fea8a8f36de82e1278abb02f']",
                "[url:value = 'http://c2-panel.top/login']", "[domain-name:value = 'malware-drop.info']",
                "[url:value = 'http://forwarded-lure.club/a']", // from the forwarded .eml
                "[domain-name:value = 'kit-host.example-bad.ru']", // the STIX attachment
                "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '192.9.135.73' AND network-traffic:dst_port = 1194]");
        // (the last one: the feodotracker CSV attachment through its feed mapping)
        assertThat(String.join("\n", patterns)).doesNotContain("google.com", "10.1.2.3", "cert-example.eu", "soc@isp.tld");
        assertThat(ofType(bundle, "report")).as("the MISP event attachment keeps its own report").hasSize(2);

        // every indicator the mail itself yielded is created by the sender and in the report
        report.path("object_refs").forEach(r -> assertThat(byId(bundle, r.asText())).as(r.asText()).isNotNull());
        JsonNode refanged = ofType(bundle, "indicator").stream().filter(i -> i.path("pattern").asText().contains("login-paypa1")).findFirst().orElseThrow();
        assertThat(refanged.path("created_by_ref").asText()).isEqualTo(sender.path("id").asText());
        assertThat(refanged.path("extensions").path(CtiflowExtension.ID).path("source").asText()).isEqualTo("mail");
        assertThat(report.path("object_refs").toString()).contains(refanged.path("id").asText());
        JsonNode email = ofType(bundle, "indicator").stream().filter(i -> i.path("pattern").asText().contains("payroll@")).findFirst().orElseThrow();
        assertThat(email.path("extensions").path(CtiflowExtension.ID).path("personal_data").toString()).contains("email-address");

        // the garbage and the mis-encoded attachments are set aside with message and part; the rest converted
        assertThat(c.batch().rejects()).extracting(Reject::describe).containsExactlyInAnyOrder(
                "mail soc@isp.tld/INBOX/<defanged-report-1@cert-example.eu>:0: part 6 'broken.json': not valid JSON: Unrecognized token 'json': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "mail soc@isp.tld/INBOX/<defanged-report-1@cert-example.eu>:0: part 7 'notes.txt': text is not valid UTF-8 (declared utf-8)");
        assertThat(String.join("\n", patterns)).doesNotContain("hidden.example-bad.ru");
    }

    @Test
    void idsAreDeterministicAcrossConversions() throws Exception {
        List<String> first = mail.convert(bytes(MailSamples.DEFANGED), "a").batch().objects().stream().map(o -> o.id()).sorted().toList();
        List<String> second = MailSamples.converter(MailLimits.DEFAULT).convert(bytes(MailSamples.DEFANGED), "b").batch().objects()
                .stream().map(o -> o.id()).sorted().toList();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void realAbuseReportsBecomeValidBundlesWithoutTheirAllowListedValues() throws Exception {
        for (String name : List.of("netcraft-phishing-takedown-notice.eml", "google-safe-browsing-report.eml", "abusehub-botnet-drone-incident-report.eml",
                "cleanmx-virus-sites-report.eml", "phishing-bbva-spoofed.eml", "malspam-js-attachment-stripped.eml", "shadowserver-sinkhole_http_drone-report.eml")) {
            MailConversion c = mail.convert(bytes(name), "INBOX");
            JsonNode bundle = bundle(c.batch());
            StixAssertions.assertValidBundle(bundle, name);
            assertThat(ofType(bundle, "report")).as(name).hasSize(1);
            assertThat(c.batch().rejects()).as(name).isEmpty();
        }
        JsonNode netcraft = bundle(mail.convert(bytes("netcraft-phishing-takedown-notice.eml"), "INBOX").batch());
        assertThat(patterns(netcraft)).contains("[domain-name:value = 'customer1.tld']", "[url:value = 'http://www.domain6.tld/guestbook.html']").noneMatch(p -> p.contains("netcraft.com") || p.contains("abuse@isp.tld"));
        JsonNode google = bundle(mail.convert(bytes("google-safe-browsing-report.eml"), "INBOX").batch());
        assertThat(patterns(google)).containsExactlyInAnyOrder("[url:value = 'http://nacions.com/']", "[url:value = 'http://nacions.com/wordpress/']",
                "[url:value = 'http://nacions.com/gallery2/']"); // the 10.0.2.x hosts are RFC 1918
        // the zip attachment is inflated and its CSV (an old Shadowserver layout without a mapping rule) scanned
        JsonNode shadowserver = bundle(mail.convert(bytes("shadowserver-sinkhole_http_drone-report.eml"), "INBOX").batch());
        assertThat(patterns(shadowserver)).contains("[ipv4-addr:value = '202.86.21.11']");
        // an encoded-word From with a bare address still names the sender
        JsonNode bbva = bundle(mail.convert(bytes("phishing-bbva-spoofed.eml"), "INBOX").batch());
        assertThat(ofType(bbva, "identity")).extracting(i -> i.path("name").asText()).contains("bbva.mx");
    }

    @Test
    void brokenMimeIsARejectNamingMessageAndPart() throws Exception {
        MailConversion c = mail.convert(bytes(MailSamples.BROKEN), "INBOX");
        assertThat(c.batch().objects()).isEmpty();
        assertThat(c.batch().rejects()).singleElement().satisfies(r -> {
            assertThat(r.origin()).isEqualTo("INBOX/<broken-mime-1@broken-mime.example>");
            assertThat(r.reason()).startsWith("body: broken MIME").contains("Missing start boundary");
        });
        MailConversion garbage = mail.convert("\u0000\u0001 not a mail at all".getBytes(StandardCharsets.ISO_8859_1), "INBOX");
        assertThat(garbage.batch().objects()).as("no headers, no report").isEmpty();
        assertThat(garbage.batch().rejects()).singleElement().satisfies(r -> {
            assertThat(r.origin()).startsWith("INBOX/sha256:");
            assertThat(r.reason()).isEqualTo("message: not an e-mail message: no From, Date or Message-ID header");
        });
    }

    @Test
    void limitsSetPartsAsideWhileTheRestConverts() throws Exception {
        MailToStix small = MailSamples.converter(new MailLimits(2_000, 0, 1_000, 1_000));
        MailConversion c = small.convert(bytes(MailSamples.DEFANGED), "INBOX");
        assertThat(c.batch().rejects()).extracting(Reject::reason).contains(
                "part 3 'misp-event.json': attachment larger than the limit of 2000 bytes",
                "part 5 'lure.eml': forwarded message deeper than the extraction depth limit (0)");
        assertThat(patterns(bundle(c.batch()))).contains("[url:value = 'https://login-paypa1.com/verify?id=1']")
                .noneMatch(p -> p.contains("forwarded-lure"));
    }

    @Test
    void aZipBombIsStoppedAtTheDecompressedSizeLimit() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("iocs.txt"));
            z.write("hxxp://zipped-ioc[.]club/x\n".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("bomb.csv"));
            z.write(new byte[5_000_000]);
            z.closeEntry();
        }
        String b64 = Base64.getMimeEncoder().encodeToString(zip.toByteArray());
        String eml = "From: a@zip-sender.example\r\nTo: b@isp.tld\r\nSubject: zip\r\nMessage-ID: <zip-1@zip-sender.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n"
                + "--b\r\nContent-Type: application/zip; name=\"r.zip\"\r\nContent-Disposition: attachment; filename=\"r.zip\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b--\r\n";
        MailConversion c = MailSamples.converter(new MailLimits(10_000_000, 3, 100_000, 1_000_000)).convert(eml.getBytes(StandardCharsets.US_ASCII), "INBOX");
        assertThat(c.batch().rejects()).singleElement().extracting(Reject::reason).asString()
                .isEqualTo("part 2 'r.zip': entry 'bomb.csv': archive entry larger than the limit of 99973 bytes (the archive's decompressed size limit is 100000 bytes)");
        assertThat(patterns(bundle(c.batch()))).contains("[url:value = 'http://zipped-ioc.club/x']");
    }
}

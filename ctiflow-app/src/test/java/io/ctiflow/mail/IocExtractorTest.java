package io.ctiflow.mail;

import io.ctiflow.mapping.IocKind;
import io.ctiflow.mapping.MappingException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IocExtractorTest {

    private final IocExtractor extractor = new IocExtractor(new Allowlist(Path.of("mappings/mail/allowlists.yaml")));

    private Map<String, IocKind> extract(String text) {
        Map<String, IocKind> found = new LinkedHashMap<>();
        extractor.extract(text, (k, v) -> found.put(v, k));
        return found;
    }

    @Test
    void defangedIndicatorsAreRefangedInTheirNormalForm() {
        Map<String, IocKind> found = extract("""
                C2 at hxxp://bad-host[.]com/gate.php, backup hXXps[:]//second(dot)example-bad[.]org/x.
                Contact payroll[@]phish[.]net or (evil [.] ru). IP 198.51.100[.]7:8443 and [203.0.113.9].
                url="hxxp://quoted[.]top/a" md5:D41D8CD98F00B204E9800998ECF8427E sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709
                IPv6 2001:db8::dead:beef; times 16:56:01 and :: are not addresses; report.txt is a file.
                """);
        assertThat(found).containsEntry("http://bad-host.com/gate.php", IocKind.URL)
                .containsEntry("https://second.example-bad.org/x", IocKind.URL)
                .containsEntry("payroll@phish.net", IocKind.EMAIL)
                .containsEntry("evil.ru", IocKind.DOMAIN)
                .containsEntry("198.51.100.7", IocKind.IPV4)
                .containsEntry("203.0.113.9", IocKind.IPV4)
                .containsEntry("http://quoted.top/a", IocKind.URL)
                .containsEntry("d41d8cd98f00b204e9800998ecf8427e", IocKind.MD5)
                .containsEntry("da39a3ee5e6b4b0d3255bfef95601890afd80709", IocKind.SHA1)
                .containsEntry("2001:db8::dead:beef", IocKind.IPV6)
                .doesNotContainKeys("report.txt", "16:56:01", "::");
    }

    @Test
    void htmlLinkTargetsAndEntitiesAreRead() {
        String text = HtmlText.text("<p>Click <a href=\"hxxp://c2-panel[.]top/login\">here</a> &lt;drop&#64;bad-mail[.]biz&gt;</p><script>var x='http://in-script.example-bad.ru';</script>");
        assertThat(extract(text)).containsKeys("http://c2-panel.top/login", "drop@bad-mail.biz").doesNotContainKey("http://in-script.example-bad.ru");
    }

    @Test
    void aBrokenAllowListStopsTheStartNamingFileAndProblem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("mail"));
        Files.createDirectories(dir.resolve("schema"));
        Files.copy(Path.of("mappings/schema/mail-allowlists.schema.json"), dir.resolve("schema/mail-allowlists.schema.json"));
        Path file = dir.resolve("mail/allowlists.yaml");
        Files.writeString(file, "version: 1\nlists:\n  private:\n    ip_ranges: [10.0.0.0/8, 10.0.0.300/8]\n");
        Assertions.assertThatThrownBy(() -> new Allowlist(file))
                .isInstanceOf(MappingException.class).hasMessageContaining(file.toString()).hasMessageContaining("10.0.0.300/8");
        Files.writeString(file, "version: 1\nlists:\n  private:\n    domain: [typo.example]\n");
        Assertions.assertThatThrownBy(() -> new Allowlist(file))
                .isInstanceOf(MappingException.class).hasMessageContaining("domain");
    }

    @Test
    void allowListsCoverSubdomainsUrlsAddressesRangesAndTheSender() {
        Allowlist allow = new Allowlist(Path.of("mappings/mail/allowlists.yaml"));
        assertThat(allow.allows(IocKind.DOMAIN, "mail.google.com", null)).isTrue();
        assertThat(allow.allows(IocKind.URL, "https://www.google.com/search?q=x", null)).isTrue();
        assertThat(allow.allows(IocKind.IPV4, "10.1.2.3", null)).isTrue();
        assertThat(allow.allows(IocKind.URL, "http://192.168.1.1:8080/admin", null)).isTrue();
        assertThat(allow.allows(IocKind.IPV6, "fe80::1", null)).isTrue();
        assertThat(allow.allows(IocKind.EMAIL, "abuse@reports.shadowserver.org", "shadowserver.org")).isTrue();
        assertThat(allow.allows(IocKind.DOMAIN, "notgoogle.com", null)).isFalse();
        assertThat(allow.allows(IocKind.IPV4, "203.0.113.9", null)).isFalse();
        assertThat(MailToStix.organisationDomain("reports.shadowserver.org")).isEqualTo("shadowserver.org");
        assertThat(MailToStix.organisationDomain("mx.randtelekom.com.tr")).isEqualTo("randtelekom.com.tr");
    }
}

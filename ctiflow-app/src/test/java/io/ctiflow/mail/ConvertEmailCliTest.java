package io.ctiflow.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.app.CtiflowCli;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ctiflow.mail.MailSamples.ofType;
import static io.ctiflow.mail.MailSamples.patterns;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ctiflow convert --format email}: one saved message to one bundle, the way the IMAP route converts it. */
class ConvertEmailCliTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        return CtiflowCli.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void aSavedMessageBecomesAValidBundleAndItsBadPartsAreListed() throws Exception {
        Path out = dir.resolve("mail.json");
        StringWriter err = new StringWriter();
        int code = run(err, "convert", "--format", "email", MailSamples.DIR.resolve(MailSamples.DEFANGED).toString(), "-o", out.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode bundle = Stix.mapper().readTree(out.toFile());
        StixAssertions.assertValidBundle(bundle, out.toString());
        assertThat(ofType(bundle, "report")).extracting(r -> r.path("name").asText()).contains("[TLP:AMBER] Phishing campaign indicators");
        assertThat(patterns(bundle)).contains("[url:value = 'https://login-paypa1.com/verify?id=1']");
        assertThat(err.toString()).contains("rejected mail synthetic-defanged-report.eml/<defanged-report-1@cert-example.eu>:0: part 6 'broken.json': not valid JSON")
                .contains("2 part(s) rejected");
        assertThat(Files.readAllLines(Path.of(out + ".rejects.jsonl"))).hasSize(2);

        // the format is guessed from .eml; --strict fails on rejected parts
        StringWriter strictErr = new StringWriter();
        assertThat(run(strictErr, "convert", "--strict", MailSamples.DIR.resolve(MailSamples.DEFANGED).toString(), "-o", dir.resolve("b.json").toString()))
                .isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        StringWriter netcraftErr = new StringWriter();
        assertThat(run(netcraftErr, "convert", MailSamples.DIR.resolve("netcraft-phishing-takedown-notice.eml").toString(), "-o", dir.resolve("n.json").toString()))
                .as(netcraftErr.toString()).isZero();
        StixAssertions.assertValidBundle(Stix.mapper().readTree(dir.resolve("n.json").toFile()), "netcraft");
    }
}

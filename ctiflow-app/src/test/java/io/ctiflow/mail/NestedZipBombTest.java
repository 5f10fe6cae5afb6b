package io.ctiflow.mail;

import io.ctiflow.app.CtiflowCli;
import io.ctiflow.pipeline.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.ctiflow.mail.MailSamples.bundle;
import static io.ctiflow.mail.MailSamples.patterns;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zips inside zips inside zips: each one stays under the per-archive cap, together they would inflate
 * to 20 GiB from a mail of a few kilobytes. The message's total is capped; the rest of the mail converts.
 */
class NestedZipBombTest {

    @TempDir
    Path dir;

    /** 20 zips of 20 zips of five 10 MiB entries of zeros: 20 GiB inflated. */
    static byte[] nestedBomb() throws IOException {
        byte[] inner = zip(5, "block-%d.bin", new byte[10 << 20]);
        byte[] middle = zip(20, "inner-%d.zip", inner);
        return zip(20, "middle-%d.zip", middle);
    }

    private static byte[] zip(int entries, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < entries; i++) {
                z.putNextEntry(new ZipEntry(String.format(name, i)));
                z.write(content);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] mailWith(byte[] zip) {
        String b64 = Base64.getMimeEncoder().encodeToString(zip);
        return ("From: a@zip-sender.example\r\nTo: b@isp.tld\r\nSubject: nested\r\nMessage-ID: <bomb-1@zip-sender.example>\r\n"
                + "Date: Mon, 3 Jun 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nC2 at hxxp://bomb-sender-c2[.]club/gate\r\n"
                + "--b\r\nContent-Type: application/zip; name=\"r.zip\"\r\nContent-Disposition: attachment; filename=\"r.zip\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void convertCapsWhatOneMessageMayInflateAndConvertsTheRest() throws Exception {
        byte[] mail = mailWith(nestedBomb());
        assertThat(mail.length).as("small on disk").isLessThan(1 << 20);
        Path eml = Files.write(dir.resolve("bomb.eml"), mail);
        Path out = dir.resolve("bomb.json");
        StringWriter err = new StringWriter();

        int code = CtiflowCli.execute(new String[] {"convert", eml.toString(), "-o", out.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(out)).contains("[url:value = 'http://bomb-sender-c2.club/gate']");
        assertThat(err.toString()).contains("the message's archives may inflate to 104857600 bytes in all (ctiflow.mail.max-message-decompressed-bytes)");
        // at most ten 10 MiB blocks were ever inflated (and set aside as unsupported), not 2,000
        assertThat(err.toString().lines().filter(l -> l.contains("unsupported attachment type")).count()).isLessThanOrEqualTo(10);
        assertThat(Files.readAllLines(Path.of(out + ".rejects.jsonl"))).isNotEmpty();
    }

    @Test
    void theMessageTotalAndTheNestingDepthAreConfigurable() throws Exception {
        MailConversion c = MailSamples.converter(new MailLimits(10 << 20, 2, 50L << 20, 2L << 20)).convert(mailWith(nestedBomb()), "INBOX");

        assertThat(patterns(bundle(c.batch()))).contains("[url:value = 'http://bomb-sender-c2.club/gate']");
        assertThat(c.batch().rejects()).extracting(Reject::reason)
                .anyMatch(r -> r.contains("archive deeper than the extraction depth limit (2)"))
                .anyMatch(r -> r.contains("the message's archives may inflate to 2097152 bytes in all"));
    }
}

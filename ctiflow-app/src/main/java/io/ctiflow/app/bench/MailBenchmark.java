package io.ctiflow.app.bench;

import io.ctiflow.feed.Mappings;
import io.ctiflow.mail.Allowlist;
import io.ctiflow.mail.IocExtractor;
import io.ctiflow.mail.MailConversion;
import io.ctiflow.mail.MailLimits;
import io.ctiflow.mail.MailToStix;
import io.ctiflow.stix.Tlp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;

/**
 * Indicator extraction from mail, on a generated corpus of abuse-report style mails (plain text,
 * a third with an HTML alternative; indicators plain and defanged, some allow-listed, among prose),
 * three ways in the same run: the whole conversion ({@link MailToStix}: MIME parsing, extraction,
 * refanging, allow-lists, STIX), the extractor alone on the mails' text ({@link IocExtractor}), and a
 * plain regular-expression scan of the same text (no refanging, no validation, no allow-lists): the
 * ceiling a naive extractor reaches, and how many indicators it misses or invents. Best of the
 * measured rounds after one warm-up round.
 */
public final class MailBenchmark {

    /** A plain scan: URLs, e-mail addresses, IPv4, hashes and domain-like words, as a quick grep would. */
    private static final Pattern PLAIN = Pattern.compile(
            "https?://[^\\s<>\"']+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"
                    + "|\\b[a-fA-F0-9]{64}\\b|\\b[a-fA-F0-9]{40}\\b|\\b[a-fA-F0-9]{32}\\b|\\b(?:[a-z0-9-]+\\.)+[a-z]{2,}\\b");

    private static final String[] WORDS = ("the of and to in we have observed a system on your network that is part of botnet please "
            + "investigate this report was generated automatically regarding abuse from address at time with kind regards team "
            + "incident details below for more information see our website phishing site malware hosting compromised").split(" ");

    private record Round(double seconds, long iocs, long mails) {
    }

    private MailBenchmark() {
    }

    private static final List<BenchReport.Column> COLUMNS = List.of(
            new BenchReport.Column("iocs", "IOCs found"),
            new BenchReport.Column("iocRate", "IOCs/s"),
            new BenchReport.Column("mailRate", "mails/s"),
            new BenchReport.Column("seconds", "seconds"));
    private static final String LINE = "{label:-44} {iocs:12} {iocRate:12} {mailRate:12} {seconds:10}\n";

    /** Runs the warm-up and {@code rounds} measured rounds; {@code echo} gets the console text at the end. */
    public static BenchReport run(Path mappingsDir, int mails, int rounds, Consumer<String> echo) {
        Mappings mappings = new Mappings(mappingsDir);
        MailToStix converter = MailToStix.fromMappings(mappings, MailLimits.DEFAULT, "mail-bench", Tlp.AMBER);
        IocExtractor extractor = new IocExtractor(new Allowlist(mappingsDir.resolve("mail/allowlists.yaml")));
        List<byte[]> raw = new ArrayList<>(mails);
        List<String> texts = new ArrayList<>(mails);
        long bytes = 0;
        Random random = new Random(42);
        for (int i = 0; i < mails; i++) {
            String text = body(random, i);
            texts.add(text);
            byte[] m = mail(text, i, random.nextInt(3) == 0).getBytes(StandardCharsets.UTF_8);
            raw.add(m);
            bytes += m.length;
        }
        Round full = null;
        Round extract = null;
        Round plain = null;
        long allowListed = 0;
        long objects = 0;
        for (int r = 0; r <= rounds; r++) {
            long t0 = System.nanoTime();
            long iocs = 0;
            long allow = 0;
            long objs = 0;
            for (byte[] m : raw) {
                MailConversion c = converter.convert(m, "bench");
                iocs += c.iocs();
                allow += c.allowListed();
                objs += c.batch().objects().size();
            }
            Round f = new Round((System.nanoTime() - t0) / 1e9, iocs, raw.size());
            long t1 = System.nanoTime();
            long[] found = new long[1];
            for (String t : texts) {
                extractor.extract(t, (k, v) -> found[0]++);
            }
            Round e = new Round((System.nanoTime() - t1) / 1e9, found[0], texts.size());
            long t2 = System.nanoTime();
            long matches = 0;
            for (String t : texts) {
                Matcher m = PLAIN.matcher(t);
                while (m.find()) {
                    matches++;
                }
            }
            Round p = new Round((System.nanoTime() - t2) / 1e9, matches, texts.size());
            if (r > 0) { // round 0 warms the JIT up
                full = full == null || f.seconds() < full.seconds() ? f : full;
                extract = extract == null || e.seconds() < extract.seconds() ? e : extract;
                plain = plain == null || p.seconds() < plain.seconds() ? p : plain;
                allowListed = allow;
                objects = objs;
            }
        }
        BenchReport report = new BenchReport("mail", "Mail", "best of " + rounds, COLUMNS, echo);
        report.text(String.format(Locale.ROOT, "ctiflow bench --mail: %,d generated mails (%,.1f MB), best of %d rounds after a warm-up%n%n",
                mails, bytes / 1e6, rounds));
        // the console's column headings; the Markdown table has its own
        report.progress(String.format(Locale.ROOT, "%-44s %12s %12s %12s %10s%n", "", "IOCs found", "IOCs/s", "mails/s", "seconds"));
        report.row(figures("MailToStix (MIME, extract, allow-list, STIX)", full), LINE);
        report.row(figures("IocExtractor on the same text", extract), LINE);
        report.row(figures("plain regex scan of the same text", plain), LINE);
        report.text(String.format(Locale.ROOT, "%nMailToStix: %,d of the values found were allow-listed, %,d STIX objects written; "
                + "the plain scan finds no defanged value and reports allow-listed and file names as well.%n", allowListed, objects));
        report.text(String.format(Locale.ROOT, "extractor / plain regex speed: %.2f; whole conversion / plain regex: %.2f%n",
                (extract.iocs() / extract.seconds()) / (plain.iocs() / plain.seconds()),
                (full.mails() / full.seconds()) / (plain.mails() / plain.seconds())));
        return report;
    }

    private static BenchReport.Row figures(String what, Round r) {
        return new BenchReport.Row(what).put("iocs", "%,d", r.iocs()).put("iocRate", "%,.0f", r.iocs() / r.seconds())
                .put("mailRate", "%,.0f", r.mails() / r.seconds()).put("seconds", "%.2f", r.seconds());
    }

    private static String body(Random random, int i) {
        StringBuilder b = new StringBuilder(2048);
        b.append("Dear abuse team,\n\n");
        for (int k = 0; k < 12; k++) {
            for (int w = 0; w < 12; w++) {
                b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            b.append(switch (random.nextInt(10)) {
                case 0 -> "hxxp://bad-" + i + "-" + k + "[.]example-c2.ru/gate.php?id=" + random.nextInt(100000);
                case 1 -> "http://phish-" + i + ".login-verify.top/account/" + k;
                case 2 -> "185." + random.nextInt(256) + "[.]" + random.nextInt(256) + "." + (1 + random.nextInt(254));
                case 3 -> "45." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
                case 4 -> String.format("%032x", random.nextLong() & Long.MAX_VALUE).substring(0, 16) + String.format("%016x", random.nextLong());
                case 5 -> "payload-" + i + "[@]dropper-mail[.]biz";
                case 6 -> "https://www.google.com/search?q=" + k; // allow-listed
                case 7 -> "10.0." + random.nextInt(256) + "." + random.nextInt(256); // RFC 1918, allow-listed
                case 8 -> "evil-" + i + "-" + k + " [.] info";
                default -> "report-" + k + ".txt"; // a file name, not a domain
            }).append(".\n");
        }
        b.append("\nKind regards,\nAbuse desk\n");
        return b.toString();
    }

    private static String mail(String text, int i, boolean html) {
        StringBuilder m = new StringBuilder(text.length() * 2 + 512);
        m.append("From: Abuse Desk <abuse@reports-").append(i % 50).append(".example.net>\r\n")
                .append("To: soc@isp.example\r\nSubject: Abuse report ").append(i).append("\r\n")
                .append("Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <bench-").append(i).append("@reports.example.net>\r\nMIME-Version: 1.0\r\n");
        if (!html) {
            m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n").append(text.replace("\n", "\r\n"));
            return m.toString();
        }
        m.append("Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
                .append(text.replace("\n", "\r\n")).append("\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>")
                .append(text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>\r\n")).append("</p></body></html>\r\n--alt--\r\n");
        return m.toString();
    }
}

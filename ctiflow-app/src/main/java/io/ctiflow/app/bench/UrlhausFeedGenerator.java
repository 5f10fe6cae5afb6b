package io.ctiflow.app.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes a synthetic feed in URLhaus's csv_recent layout (comment block, quoted cells, comma-separated
 * tags), with documentation-range IPs and example domains so nothing real is ever named. Seeded: the
 * same row count gives the same file.
 */
public final class UrlhausFeedGenerator {

    private static final String[] TAGS = {"32-bit,elf,mips,Mozi", "exe,AgentTesla", "elf,Mirai", "zip,Emotet", "doc,Qakbot", "ps1,AsyncRAT", ""};
    private static final String[] STATUS = {"online", "offline"};
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private UrlhausFeedGenerator() {
    }

    public static Path write(Path file, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(20261123L);
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("################################################################\n");
            out.write("# abuse.ch URLhaus Database Dump (CSV) - synthetic, for ctiflow bench\n");
            out.write("################################################################\n");
            out.write("#\n# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n");
            for (int i = 0; i < rows; i++) {
                int id = 3_000_000 + i;
                LocalDateTime added = start.plusSeconds(i * 7L);
                String when = FORMAT.format(added);
                String url = random.nextInt(3) == 0
                        ? "http://198.51." + random.nextInt(256) + "." + random.nextInt(256) + ":" + (1024 + random.nextInt(60000)) + "/bin" + i + ".sh"
                        : "https://host" + i + ".example" + (i % 97) + ".net/files/payload_" + Integer.toHexString(random.nextInt()) + ".exe";
                String status = STATUS[random.nextInt(2)];
                out.write('"');
                out.write(Integer.toString(id));
                out.write("\",\"");
                out.write(when);
                out.write("\",\"");
                out.write(url);
                out.write("\",\"");
                out.write(status);
                out.write("\",\"");
                out.write("online".equals(status) ? FORMAT.format(added.plusMinutes(5)) : "");
                out.write("\",\"malware_download\",\"");
                out.write(TAGS[random.nextInt(TAGS.length)]);
                out.write("\",\"https://urlhaus.abuse.ch/url/");
                out.write(Integer.toString(id));
                out.write("/\",\"reporter");
                out.write(Integer.toString(random.nextInt(50)));
                out.write("\"\n");
            }
        }
        return file;
    }
}

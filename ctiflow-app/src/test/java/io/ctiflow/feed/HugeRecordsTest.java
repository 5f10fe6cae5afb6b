package io.ctiflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records far larger than any real one, through {@code ctiflow convert} in a child JVM with
 * -Xmx256m: each is one reject naming file, line and limit (or, inside a JSON array, a failed file
 * with that reason), never an OutOfMemoryError; the good records around them convert.
 */
class HugeRecordsTest {

    private static final String LIMIT = "record larger than the limit of 1048576 characters (ctiflow.input.max-record-chars)";
    private static final char[] CHUNK = new char[1 << 20];

    static {
        Arrays.fill(CHUNK, 'a');
    }

    @TempDir
    Path dir;

    record Run(int code, String err) {
    }

    private Run convert(String... args) throws Exception {
        Path argfile = dir.resolve("java.args");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Files.writeString(argfile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + argfile,
                "-Xmx256m", "-Dctiflow.home=" + Path.of("").toAbsolutePath(), "io.ctiflow.app.CtiflowCli", "convert"));
        command.addAll(List.of(args));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("convert finished").isTrue();
        return new Run(p.exitValue(), Files.readString(err));
    }

    /** Writes {@code mib} MiB of 'a' without holding them. */
    private static void filler(Writer w, int mib) throws IOException {
        for (int i = 0; i < mib; i++) {
            w.write(CHUNK);
        }
    }

    private static long indicators(Path bundle) throws IOException {
        JsonNode b = Stix.mapper().readTree(bundle.toFile());
        return b.path("objects").findValuesAsText("type").stream().filter("indicator"::equals).count();
    }

    private static String urlhausRow(int id) {
        return "\"" + id + "\",\"2026-11-23 11:58:02\",\"http://198.51.100." + (id % 200) + ":40391/i\",\"online\",\"2026-11-23 11:58:02\","
                + "\"malware_download\",\"elf,Mozi\",\"https://urlhaus.abuse.ch/url/" + id + "/\",\"geenensp\"\n";
    }

    @Test
    void aCsvCellOf200MegabytesIsOneRejectAndTheRestOfTheFileConverts() throws Exception {
        Path csv = dir.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n");
            for (int i = 1; i <= 3; i++) {
                w.write(urlhausRow(3400000 + i));
            }
            // line 5: a quoted cell of 200 MiB holding line breaks
            w.write("\"3400004\",\"2026-11-23 11:58:02\",\"http://x.example/\n");
            filler(w, 200);
            w.write("\",\"online\",\"\",\"malware_download\",\"\",\"https://urlhaus.abuse.ch/url/3400004/\",\"x\"\n");
            for (int i = 5; i <= 7; i++) {
                w.write(urlhausRow(3400000 + i));
            }
        }
        Path out = dir.resolve("big.json");

        Run run = convert("-m", "urlhaus", csv.toString(), "-o", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("OutOfMemoryError").contains("rejected urlhaus big.csv:5: " + LIMIT)
                .contains("7 records read").contains("1 rejected");
        assertThat(indicators(out)).isEqualTo(6);
        // the rows after the big one keep their own line numbers: a bad one is named at its line
        assertThat(Files.readString(Path.of(out + ".rejects.jsonl"))).contains("\"line\":5").contains(LIMIT);
    }

    @Test
    void tenNdjsonRecordsOf19MegabytesAreTenRejectsAndTheOthersConvert() throws Exception {
        Path mapping = dir.resolve("threatfox-ndjson.yaml");
        Files.writeString(mapping, Files.readString(Path.of("mappings/json/threatfox.yaml")).replace("json:\n  records: data", "json:\n  ndjson: true"));
        String good = "{\"id\": \"%d\", \"ioc\": \"198.51.100.%d:443\", \"threat_type\": \"botnet_cc\", \"threat_type_desc\": \"C2\", "
                + "\"ioc_type\": \"ip:port\", \"malware_printable\": \"Emotet\", \"confidence_level\": 75, \"first_seen\": \"2022-01-02 10:00:00 UTC\", "
                + "\"reporter\": \"abuse_ch\", \"tags\": [\"emotet\"]%s}\n";
        Path ndjson = dir.resolve("big.json");
        try (Writer w = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8)) {
            w.write(String.format(good, 1, 1, ""));
            for (int i = 0; i < 10; i++) {
                w.write(String.format(good, 100 + i, 100 + i, ", \"comment\": \"").replace("}\n", ""));
                filler(w, 19);
                w.write("\"}\n");
            }
            w.write(String.format(good, 2, 2, ""));
        }
        Path out = dir.resolve("out.json");

        Run run = convert("-m", mapping.toString(), ndjson.toString(), "-o", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("OutOfMemoryError").contains("12 records read").contains("10 rejected");
        for (int line = 2; line <= 11; line++) {
            assertThat(run.err()).contains("big.json:" + line + ": " + LIMIT);
        }
        assertThat(indicators(out)).isEqualTo(2);
    }

    @Test
    void oneHugeElementOfAJsonArrayFailsTheFileWithTheReason() throws Exception {
        Path json = dir.resolve("big.json");
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            w.write("{\"query_status\": \"ok\", \"data\": [\n{\"id\": \"1\", \"ioc\": \"198.51.100.1:443\", \"ioc_type\": \"ip:port\", \"threat_type\": \"botnet_cc\"},\n");
            // many small values, none near Jackson's string limit: only the element's size gives it away
            w.write("{\"id\": \"2\", \"ioc_type\": \"ip:port\", \"threat_type\": \"botnet_cc\", \"tags\": [");
            for (int i = 0; i < 3_000_000; i++) {
                w.write("\"tag-number-" + i + "\",");
            }
            w.write("\"last\"]}\n]}\n");
        }
        Path out = dir.resolve("out.json");

        Run run = convert("-m", "threatfox", json.toString(), "-o", out.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("OutOfMemoryError")
                .contains("ctiflow: error: big.json: record 2 (from line 3): " + LIMIT + "; the rest of the JSON array cannot be read past it");
        assertThat(out).doesNotExist();
    }
}

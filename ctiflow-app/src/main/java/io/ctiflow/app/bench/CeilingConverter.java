package io.ctiflow.app.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixPatterns;
import io.ctiflow.stix.StixTime;
import io.ctiflow.stix.Tlp;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
/**
 * The benchmark's ceiling: a hand-written loop that parses the URLhaus CSV with commons-csv and
 * writes the same indicator JSON per row straight to Jackson's streaming generator. No mapping
 * engine, no taxonomy, no Camel: what the pipeline costs is measured against this.
 */
public final class CeilingConverter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String SOURCE_IDENTITY = StixIds.namedObjectId("identity", "source:urlhaus");

    private CeilingConverter() {
    }

    /** Converts the file and returns the number of rows written. */
    public static long convert(Path csv, Path out) throws IOException {
        long rows = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setCommentMarker('#').setIgnoreEmptyLines(true).get();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
             OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
             JsonGenerator g = Stix.mapper().getFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", "bundle--" + UUID.randomUUID());
            g.writeArrayFieldStart("objects");
            for (CSVRecord r : parser) {
                writeIndicator(g, r);
                rows++;
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return rows;
    }

    private static void writeIndicator(JsonGenerator g, CSVRecord r) throws IOException {
        String url = r.get(2).trim();
        String created = StixTime.format(LocalDateTime.parse(r.get(1), DATE).toInstant(ZoneOffset.UTC));
        String lastOnline = r.get(4);
        String modified = lastOnline.isEmpty() ? created : StixTime.format(LocalDateTime.parse(lastOnline, DATE).toInstant(ZoneOffset.UTC));
        if (modified.compareTo(created) < 0) {
            modified = created;
        }
        g.writeStartObject();
        g.writeStringField("type", "indicator");
        g.writeStringField("spec_version", "2.1");
        g.writeStringField("id", StixIds.indicatorId("urlhaus", "url", url));
        g.writeStringField("created_by_ref", SOURCE_IDENTITY);
        g.writeStringField("created", created);
        g.writeStringField("modified", modified);
        g.writeStringField("name", "url: " + url);
        g.writeStringField("description", "URLhaus " + r.get(5) + " URL (" + r.get(3) + "), reported by " + r.get(8));
        g.writeArrayFieldStart("indicator_types");
        g.writeString("malicious-activity");
        g.writeEndArray();
        g.writeStringField("pattern", "[url:value = " + StixPatterns.literal(url) + "]");
        g.writeStringField("pattern_type", "stix");
        g.writeStringField("pattern_version", "2.1");
        g.writeStringField("valid_from", created);
        g.writeArrayFieldStart("labels");
        g.writeString("rsit:malicious-code=\"malware-distribution\"");
        for (String tag : r.get(6).split(",")) {
            if (!tag.isBlank()) {
                g.writeString(tag.trim().toLowerCase(Locale.ROOT));
            }
        }
        g.writeEndArray();
        g.writeNumberField("confidence", 80);
        g.writeArrayFieldStart("external_references");
        g.writeStartObject();
        g.writeStringField("source_name", "urlhaus");
        g.writeStringField("url", r.get(7));
        g.writeStringField("external_id", r.get(0));
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("object_marking_refs");
        g.writeString(Tlp.CLEAR.markingId());
        g.writeEndArray();
        g.writeObjectFieldStart("extensions");
        g.writeObjectFieldStart(CtiflowExtension.ID);
        g.writeStringField("extension_type", "property-extension");
        g.writeStringField("source", "urlhaus");
        g.writeStringField("source_record", r.get(0));
        g.writeStringField("origin_jurisdiction", "CH");
        g.writeStringField("observable_kind", "url");
        g.writeObjectFieldStart("classification");
        g.writeStringField("taxonomy", "rsit");
        g.writeStringField("class", "malicious-code");
        g.writeStringField("type", "malware-distribution");
        g.writeEndObject();
        g.writeObjectFieldStart("extra");
        g.writeStringField("url_status", r.get(3));
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }
}

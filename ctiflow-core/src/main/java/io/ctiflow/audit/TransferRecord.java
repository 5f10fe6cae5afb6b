package io.ctiflow.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record of transfers of personal data (GDPR Art. 30(1)(e), Chapter V) read from the audit trail: per
 * destination, its jurisdiction, the origin of the data, the category of personal data and what was done to it,
 * how many values in how many objects, on which legal basis (as the policy named it when the decision was made),
 * first and last time. The audit records hold counts, never the values, so neither does this.
 */
public final class TransferRecord {

    public static final List<String> COLUMNS = List.of("destination", "country", "from", "category", "action", "values", "objects",
            "legal_basis", "first", "last");

    /** One line of the record. */
    public static final class Row {
        final String destination;
        final String to;
        final String from;
        final String category;
        final String action;
        final String basis;
        long values;
        long objects;
        String first;
        String last;

        Row(String destination, String to, String from, String category, String action, String basis) {
            this.destination = destination;
            this.to = to;
            this.from = from;
            this.category = category;
            this.action = action;
            this.basis = basis;
        }

        public String destination() {
            return destination;
        }

        public String category() {
            return category;
        }

        public String action() {
            return action;
        }

        public String country() {
            return to;
        }

        public String from() {
            return from;
        }

        public String legalBasis() {
            return basis;
        }

        public long values() {
            return values;
        }

        public long objects() {
            return objects;
        }

        List<String> cells() {
            return List.of(destination, to, from, category, action, Long.toString(values), Long.toString(objects), basis, first, last);
        }
    }

    private final Map<String, Row> rows = new TreeMap<>();
    private long malformed;

    /** Reads the trail between {@code since} (inclusive) and {@code until} (exclusive), either open. */
    public static TransferRecord read(Path dir, Instant since, Instant until) throws IOException {
        TransferRecord record = new TransferRecord();
        AuditQuery window = new AuditQuery(null, null, null, null, null, since, until);
        record.malformed = AuditRecords.forEach(dir, since, r -> {
            if (r.has("personal") && window.matches(r)) {
                record.add(r);
            }
        });
        return record;
    }

    private void add(JsonNode r) {
        JsonNode p = r.path("personal");
        String destination = r.path("destination").asText();
        String time = r.path("time").asText();
        for (JsonNode h : p.path("data")) {
            String from = p.path("from").asText("unknown");
            String key = String.join("\u001f", destination, from, h.path("class").asText(), h.path("action").asText(), p.path("basis").asText());
            Row row = rows.computeIfAbsent(key, k -> new Row(destination, p.path("to").asText(), from, h.path("class").asText(),
                    h.path("action").asText(), p.path("basis").asText()));
            row.values += h.path("values").asLong();
            row.objects++;
            row.first = row.first == null || time.compareTo(row.first) < 0 ? time : row.first;
            row.last = row.last == null || time.compareTo(row.last) > 0 ? time : row.last;
        }
    }

    public List<Row> rows() {
        return new ArrayList<>(rows.values());
    }

    /** Lines of the trail that were no record: they may hide transfers, so the command says so. */
    public long malformed() {
        return malformed;
    }

    public void csv(Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
        for (Row r : rows.values()) {
            csv.printRecord(r.cells());
        }
        csv.flush(); // not closed: the caller owns the writer (standard output)
    }

    public void json(Writer out, ObjectMapper mapper) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Row r : rows.values()) {
                g.writeStartObject();
                List<String> cells = r.cells();
                for (int i = 0; i < COLUMNS.size(); i++) {
                    if (COLUMNS.get(i).equals("values") || COLUMNS.get(i).equals("objects")) {
                        g.writeNumberField(COLUMNS.get(i), Long.parseLong(cells.get(i)));
                    } else {
                        g.writeStringField(COLUMNS.get(i), cells.get(i));
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        out.write('\n');
    }

    /** A self-contained page to print or file: one table, every cell escaped. */
    public void html(Writer out, String title) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif}table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px 8px;text-align:left}"
                + "td.n{text-align:right}</style></head>\n<body>\n<h1>" + escape(title) + "</h1>\n<table>\n<caption>Personal data per destination,"
                + " category and action; values are counted, never shown</caption>\n<thead><tr>");
        for (String c : COLUMNS) {
            out.write("<th scope=\"col\">" + escape(c.replace('_', ' ')) + "</th>");
        }
        out.write("</tr></thead>\n<tbody>\n");
        for (Row r : rows.values()) {
            out.write("<tr>");
            List<String> cells = r.cells();
            for (int i = 0; i < cells.size(); i++) {
                boolean number = COLUMNS.get(i).equals("values") || COLUMNS.get(i).equals("objects");
                out.write((number ? "<td class=\"n\">" : "<td>") + escape(cells.get(i)) + "</td>");
            }
            out.write("</tr>\n");
        }
        out.write("</tbody>\n</table>\n</body>\n</html>\n");
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

package io.ctiflow.console;

import io.ctiflow.audit.AuditRecords;
import io.ctiflow.audit.TransferRecord;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The record of transfers of personal data ({@code ctiflow audit transfers}) with its --since and --until, as a
 * table and, at {@code /transfers.csv}, as the very CSV file the command writes, to download.
 */
final class TransfersPage extends Page {

    private final boolean csv;

    private TransfersPage(String path, ConsoleSources sources, Templates templates, boolean csv) {
        super(path, "/transfers", sources, templates);
        this.csv = csv;
    }

    static TransfersPage table(ConsoleSources sources, Templates templates) {
        return new TransfersPage("/transfers", sources, templates, false);
    }

    static TransfersPage download(ConsoleSources sources) {
        return new TransfersPage("/transfers.csv", sources, null, true);
    }

    @Override
    void handle(WebRequest request) throws IOException {
        String since = request.param("since");
        String until = request.param("until");
        TransferRecord record = TransferRecord.read(sources.audit(), AuditRecords.parseTime(since), AuditRecords.parseTime(until));
        if (csv) {
            StringWriter out = new StringWriter();
            record.csv(out);
            request.header("Content-Disposition", "attachment; filename=\"transfers.csv\"");
            request.send(200, "text/csv; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TransferRecord.Row r : record.rows()) {
            rows.add(Map.of("destination", r.destination(), "country", r.country(), "from", r.from(), "category", r.category(),
                    "action", r.action(), "values", r.values(), "objects", r.objects(), "basis", r.legalBasis()));
        }
        String query = (since == null ? "" : "since=" + URLEncoder.encode(since, StandardCharsets.UTF_8))
                + (since != null && until != null ? "&" : "") + (until == null ? "" : "until=" + URLEncoder.encode(until, StandardCharsets.UTF_8));
        request.html(200, templates.render("transfers", request, Map.of("title", "Transfers", "rows", rows, "empty", rows.isEmpty(),
                "since", since == null ? "" : since, "until", until == null ? "" : until,
                "download", "/transfers.csv" + (query.isEmpty() ? "" : "?" + query), "malformed", record.malformed(),
                "anyMalformed", record.malformed() > 0)));
    }
}

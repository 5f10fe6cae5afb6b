package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.Page;
import io.ctiflow.taxii.store.StoredObject;
import io.ctiflow.taxii.store.TaxiiTime;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes pages as envelopes, manifests and version lists, with {@code more}, {@code next} and the
 * X-TAXII-Date-Added-First/-Last headers. Envelope objects are copied as the stored bytes: serving
 * never parses an object.
 */
final class PageWriter {

    private static final byte[] COMMA = {','};

    private PageWriter() {
    }

    static Response envelope(Page page) {
        // one array of the exact size: a single write with Content-Length beats streaming small chunks
        int size = 200;
        for (StoredObject o : page.objects()) {
            size += o.json().length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try {
            head(out, page, "objects");
            boolean first = true;
            for (StoredObject o : page.objects()) {
                if (!first) {
                    out.write(COMMA);
                }
                out.write(o.json());
                first = false;
            }
            tail(out, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withHeaders(Response.ok(out.toByteArray(), TaxiiMedia.TAXII), page).build();
    }

    static Response manifest(Page page) {
        StreamingOutput body = out -> {
            head(out, page, "objects");
            boolean first = true;
            for (StoredObject o : page.objects()) {
                ascii(out, (first ? "" : ",") + "{\"id\":\"" + o.id() + "\",\"date_added\":\"" + TaxiiTime.format(o.dateAdded())
                        + "\",\"version\":\"" + TaxiiTime.format(o.versionOrDateAdded()) + "\",\"media_type\":\""
                        + CollectionConfig.STIX_MEDIA_TYPE + "\"}");
                first = false;
            }
            tail(out, page);
        };
        return withHeaders(Response.ok(body, TaxiiMedia.TAXII), page).build();
    }

    static Response versions(Page page) {
        StreamingOutput body = out -> {
            head(out, page, "versions");
            boolean first = true;
            for (StoredObject o : page.objects()) {
                ascii(out, (first ? "\"" : ",\"") + TaxiiTime.format(o.versionOrDateAdded()) + "\"");
                first = false;
            }
            tail(out, page);
        };
        return withHeaders(Response.ok(body, TaxiiMedia.TAXII), page).build();
    }

    /** {"more":..,"next":..,"<field>":[ — or just "{" plus more when the page is empty. */
    private static void head(OutputStream out, Page page, String field) throws IOException {
        StringBuilder s = new StringBuilder("{\"more\":").append(page.more());
        if (page.more()) {
            StoredObject last = page.objects().get(page.objects().size() - 1);
            s.append(",\"next\":\"").append(PageToken.encode(last.dateAdded(), last.seq())).append('"');
        }
        if (!page.objects().isEmpty()) {
            s.append(",\"").append(field).append("\":[");
        }
        ascii(out, s.toString());
    }

    private static void tail(OutputStream out, Page page) throws IOException {
        ascii(out, page.objects().isEmpty() ? "}" : "]}");
    }

    private static Response.ResponseBuilder withHeaders(Response.ResponseBuilder r, Page page) {
        if (!page.objects().isEmpty()) {
            r.header("X-TAXII-Date-Added-First", TaxiiTime.format(page.objects().get(0).dateAdded()));
            r.header("X-TAXII-Date-Added-Last", TaxiiTime.format(page.objects().get(page.objects().size() - 1).dateAdded()));
        }
        return r;
    }

    private static void ascii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}

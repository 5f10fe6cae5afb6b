package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The TAXII 2.1 resources a taxii: endpoint and the publish/poll commands use: the collection (found
 * once from the configured URL), the API root's max_content_length, object pages, envelopes and
 * status resources. Thread-safe; one per endpoint.
 */
public final class TaxiiClient {

    private final TaxiiConfiguration config;
    private final TaxiiHttp http;
    private volatile TaxiiCollection collection;
    private volatile long maxContentLength = -1;

    public TaxiiClient(TaxiiConfiguration config) {
        this.config = config;
        this.http = new TaxiiHttp(config);
    }

    public TaxiiConfiguration configuration() {
        return config;
    }

    /** The collection the configuration names (resolved on first use, then kept). */
    public TaxiiCollection collection() {
        TaxiiCollection c = collection;
        if (c == null) {
            c = new CollectionLocator(http).locate(config.getUrl(), config.getCollection());
            collection = c;
        }
        return c;
    }

    /** The largest request body the server takes (the API root's max_content_length), capped by maxEnvelopeBytes. */
    public long maxContentLength() {
        long max = maxContentLength;
        if (max < 0) {
            URI root = collection().apiRoot();
            JsonNode info = http.get(root, "API root").json("API root " + root);
            max = info.path("max_content_length").asLong(0);
            if (max <= 0) {
                throw new TaxiiException("API root " + root + " states no valid max_content_length");
            }
            maxContentLength = max;
        }
        return config.getMaxEnvelopeBytes() > 0 ? Math.min(max, config.getMaxEnvelopeBytes()) : max;
    }

    /** One page of objects; {@code addedAfter} and {@code next} may be null. */
    ObjectPage objects(String addedAfter, String next, int limit, String what) {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        if (addedAfter != null) {
            query.append("&added_after=").append(encode(addedAfter));
        }
        if (next != null) {
            query.append("&next=").append(encode(next));
        }
        URI uri = URI.create(collection().objects() + query.toString());
        return ObjectPage.parse(http.get(uri, what));
    }

    /** POSTs one envelope; returns the status resource the server answered with. */
    JsonNode post(byte[] envelope, String what) {
        URI uri = collection().objects();
        TaxiiResponse response = http.post(uri, envelope, what);
        return response.json(what + " status");
    }

    JsonNode status(String statusId) {
        URI uri = collection().status(statusId);
        return http.get(uri, "status " + statusId).json("status " + statusId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

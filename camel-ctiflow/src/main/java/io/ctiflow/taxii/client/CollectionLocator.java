package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * Finds the collection a taxii: URL means. A collection URL ({@code .../collections/<id>/}) is taken
 * as it is; any other URL is fetched: a discovery resource leads to its default API root (or the
 * first listed), an API root's collection list to the collection whose id or title is
 * {@code collection} (or its only collection when none is named).
 */
final class CollectionLocator {

    private static final Pattern COLLECTION_URL = Pattern.compile("(.*/)collections/([^/]+)/?(objects/?)?");

    private final TaxiiHttp http;

    CollectionLocator(TaxiiHttp http) {
        this.http = http;
    }

    TaxiiCollection locate(String url, String collection) {
        URI uri = withSlash(URI.create(url.trim()));
        Matcher m = COLLECTION_URL.matcher(uri.getPath());
        if (m.matches()) {
            URI apiRoot = uri.resolve(m.group(1));
            return new TaxiiCollection(apiRoot, URLDecoder.decode(m.group(2),
                    StandardCharsets.UTF_8), null);
        }
        JsonNode resource = http.get(uri, "discovery or API root").json("discovery or API root " + uri);
        URI apiRoot = uri;
        if (resource.has("api_roots")) {
            apiRoot = apiRootOf(uri, resource);
        } else if (!resource.has("versions") && !resource.has("max_content_length")) {
            throw new TaxiiException(uri + " is neither a TAXII 2.1 discovery resource (api_roots) nor an API root"
                    + " (versions, max_content_length)");
        }
        return find(apiRoot, collection);
    }

    private static URI apiRootOf(URI discovery, JsonNode resource) {
        String chosen = resource.path("default").asText("");
        if (chosen.isEmpty()) {
            JsonNode roots = resource.path("api_roots");
            if (!roots.isArray() || roots.isEmpty()) {
                throw new TaxiiException("TAXII discovery " + discovery + " lists no API roots");
            }
            chosen = roots.get(0).asText();
        }
        return withSlash(discovery.resolve(chosen));
    }

    private TaxiiCollection find(URI apiRoot, String wanted) {
        URI list = apiRoot.resolve("collections/");
        JsonNode collections = http.get(list, "collections").json("collections " + list).path("collections");
        List<String> available = new ArrayList<>();
        JsonNode only = null;
        for (JsonNode c : collections) {
            String id = c.path("id").asText();
            String title = c.path("title").asText(null);
            if (wanted != null && !wanted.isBlank() && (wanted.equals(id) || wanted.equals(title))) {
                return new TaxiiCollection(apiRoot, id, title);
            }
            available.add(id + (title == null ? "" : " (" + title + ")"));
            only = c;
        }
        if ((wanted == null || wanted.isBlank()) && available.size() == 1) {
            return new TaxiiCollection(apiRoot, only.path("id").asText(), only.path("title").asText(null));
        }
        throw new TaxiiException(wanted == null || wanted.isBlank()
                ? "API root " + apiRoot + " has " + available.size() + " collections; choose one with collection=<id or"
                + " title>: " + available
                : "API root " + apiRoot + " has no collection with id or title '" + wanted + "' (available to these"
                + " credentials: " + available + ")");
    }

    private static URI withSlash(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.endsWith("/")) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + "/"
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }
}

package io.ctiflow.taxii.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A resolved collection: its API root (ending in /), id and title (title may be null when only the id is known). */
public record TaxiiCollection(URI apiRoot, String id, String title) {

    /** {@code <api root>collections/<id>/} */
    public URI url() {
        return apiRoot.resolve("collections/" + encode(id) + "/");
    }

    URI objects() {
        return apiRoot.resolve("collections/" + encode(id) + "/objects/");
    }

    URI status(String statusId) {
        return apiRoot.resolve("status/" + encode(statusId) + "/");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return url().toString();
    }
}

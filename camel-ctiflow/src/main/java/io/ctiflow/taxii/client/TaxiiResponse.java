package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A successful (2xx) TAXII answer: status, headers and the whole body. */
record TaxiiResponse(URI uri, int status, HttpHeaders headers, byte[] body) {

    Optional<String> header(String name) {
        return headers.firstValue(name).filter(v -> !v.isBlank());
    }

    /** The body as JSON; an empty or broken body is an error naming the URL. */
    JsonNode json(String what) {
        try {
            JsonNode node = body.length == 0 ? null : Stix.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw new TaxiiException("TAXII server at " + uri + " sent no JSON object for " + what);
            }
            return node;
        } catch (IOException e) {
            throw new TaxiiException("TAXII server at " + uri + " sent invalid JSON for " + what + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}

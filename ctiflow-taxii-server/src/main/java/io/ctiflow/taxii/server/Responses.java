package io.ctiflow.taxii.server;

import jakarta.ws.rs.core.Response;

/** Every successful answer carries the TAXII 2.1 media type. */
final class Responses {

    private Responses() {
    }

    static Response ok(Object entity) {
        return Response.ok(entity, TaxiiMedia.TAXII).build();
    }
}

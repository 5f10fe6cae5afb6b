package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.TaxiiStoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
/**
 * Turns every failure into the TAXII 2.1 error message JSON ({@code title}, {@code description},
 * {@code http_status}): our {@link TaxiiError}s, JAX-RS's own (unknown path 404, wrong method 405)
 * and unexpected ones (500, details only in the log).
 */
final class ErrorResponses implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof TaxiiError t) {
            return response(t);
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return response(switch (status) {
                case 404 -> TaxiiError.notFound("no such TAXII resource");
                case 405 -> new TaxiiError(405, "Method not allowed", "this resource does not support this HTTP method");
                case 406 -> new TaxiiError(406, "Not acceptable", "this server only produces " + TaxiiMedia.TAXII);
                case 415 -> new TaxiiError(415, "Unsupported media type", "send " + TaxiiMedia.TAXII);
                default -> new TaxiiError(status, "HTTP " + status, w.getMessage());
            });
        }
        if (e instanceof IOException || e.getCause() instanceof IOException) {
            // the client's connection is gone (read timeout, disconnect): no one is left to answer, nothing to fix here
            LOG.debug("TAXII client connection closed: {}", e.toString());
        } else if (e instanceof TaxiiStoreException) {
            LOG.error("TAXII store failure", e);
        } else {
            LOG.error("TAXII request failed", e);
        }
        return response(new TaxiiError(500, "Internal server error", "the server could not complete the request; see its log"));
    }

    static Response response(TaxiiError e) {
        Response.ResponseBuilder r = Response.status(e.status()).entity(body(e)).type(TaxiiMedia.TAXII);
        if (e.status() == 401) {
            r.header("WWW-Authenticate", "Basic realm=\"ctiflow TAXII\", Bearer realm=\"ctiflow TAXII\"");
        }
        return r.build();
    }

    /** The error message JSON alone, for answers given outside JAX-RS. */
    static byte[] body(TaxiiError e) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("title", e.title());
            if (e.description() != null) {
                g.writeStringField("description", e.description());
            }
            g.writeStringField("http_status", Integer.toString(e.status()));
            g.writeEndObject();
        });
    }
}

package io.ctiflow.taxii.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Before any resource runs: 406 unless the Accept header admits {@value TaxiiMedia#TAXII}; for
 * requests with a body, 415 unless it is TAXII JSON and 413 when it grows past max_content_length
 * while it is read (a Content-Length over it was already answered by {@link DeclaredLengthGuard}).
 */
@PreMatching
final class ContentNegotiationFilter implements ContainerRequestFilter {

    private final long maxContentLength;

    ContentNegotiationFilter(long maxContentLength) {
        this.maxContentLength = maxContentLength;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!TaxiiMedia.acceptable(request.getHeaderString(HttpHeaders.ACCEPT))) {
            request.abortWith(ErrorResponses.response(new TaxiiError(406, "Not acceptable",
                    "this server only produces " + TaxiiMedia.TAXII + "; the Accept header was '" + request.getHeaderString(HttpHeaders.ACCEPT) + "'")));
            return;
        }
        if (!request.getMethod().equals("POST") && !request.getMethod().equals("PUT")) {
            return;
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (!TaxiiMedia.isTaxii(contentType)) {
            request.abortWith(ErrorResponses.response(new TaxiiError(415, "Unsupported media type",
                    "POST a TAXII envelope as " + TaxiiMedia.TAXII + ", not '" + contentType + "'")));
            return;
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxContentLength));
    }
}

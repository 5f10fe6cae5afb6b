package io.ctiflow.taxii.server;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** {@code GET /taxii2/}: the discovery resource listing the API roots. */
@Path("/taxii2")
public final class DiscoveryResource {

    private final TaxiiServerConfig config;
    private final Access access;

    DiscoveryResource(TaxiiServerConfig config, Access access) {
        this.config = config;
        this.access = access;
    }

    @GET
    public Response discovery(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.HOST) String hostHeader,
                              @Context UriInfo uri) {
        access.requireAnyAccess(access.caller(authorization));
        // the URLs the client used (its Host header), not what the server's name resolves to
        String host = hostHeader != null && !hostHeader.isBlank() ? hostHeader : uri.getBaseUri().getAuthority();
        String prefix = uri.getBaseUri().getScheme() + "://" + host + "/";
        List<String> roots = config.apiRoots().stream().map(r -> prefix + r.path() + "/").toList();
        return Responses.ok(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("title", config.title());
            if (config.description() != null) {
                g.writeStringField("description", config.description());
            }
            g.writeStringField("default", roots.get(0));
            Json.stringList(g, "api_roots", roots);
            g.writeEndObject();
        }));
    }
}

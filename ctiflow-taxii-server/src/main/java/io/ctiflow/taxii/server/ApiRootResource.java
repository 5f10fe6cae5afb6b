package io.ctiflow.taxii.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ctiflow.taxii.store.TaxiiStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.List;

/** {@code /<api-root>/}: the API root, its collections list and the status resources of its POSTs. */
@Path("/{apiRoot}")
public final class ApiRootResource {

    private final TaxiiServerConfig config;
    private final Access access;
    private final TaxiiStore store;

    ApiRootResource(TaxiiServerConfig config, Access access, TaxiiStore store) {
        this.config = config;
        this.access = access;
        this.store = store;
    }

    @GET
    public Response apiRoot(@PathParam("apiRoot") String path, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ApiRootConfig root = access.root(path, access.caller(authorization));
        return Responses.ok(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("title", root.title());
            if (root.description() != null) {
                g.writeStringField("description", root.description());
            }
            Json.stringList(g, "versions", List.of(TaxiiMedia.TAXII));
            g.writeNumberField("max_content_length", config.maxContentLength());
            g.writeEndObject();
        }));
    }

    @GET
    @Path("/collections")
    public Response collections(@PathParam("apiRoot") String path, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = access.caller(authorization);
        ApiRootConfig root = access.root(path, caller);
        // only what the caller may read is listed; a write-only publisher addresses its collection by id
        List<CollectionConfig> visible = root.collections().stream().filter(c -> c.canRead(caller)).toList();
        return Responses.ok(Json.write(g -> {
            g.writeStartObject();
            Json.list(g, "collections", visible, (out, c) -> collection(out, c, caller));
            g.writeEndObject();
        }));
    }

    @GET
    @Path("/status/{statusId}")
    public Response status(@PathParam("apiRoot") String path, @PathParam("statusId") String statusId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = access.caller(authorization);
        ApiRootConfig root = access.root(path, caller);
        if (caller.anonymous()) {
            throw TaxiiError.unauthorized("status resources need authentication");
        }
        // Only the poster: a status lists the object ids and failures of one user's submission, which
        // fellow writers of a shared drop collection (or its readers) have no business seeing, and the
        // server has no admin role to except. The stricter rule of the two medallion-style options;
        // anyone else gets the same 404 as for an unknown id, so existence is not confirmed either.
        String json = store.findStatus(root.path(), statusId, caller.name())
                .orElseThrow(() -> TaxiiError.notFound("no status '" + statusId + "' in API root '" + root.path() + "'"));
        return Responses.ok(StatusJson.served(json));
    }

    /** One collection resource, as listed here and served by {@link CollectionResource}. */
    static void collection(JsonGenerator g, CollectionConfig c, Caller caller) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id().toString());
        g.writeStringField("title", c.title());
        if (c.description() != null) {
            g.writeStringField("description", c.description());
        }
        g.writeBooleanField("can_read", c.canRead(caller));
        g.writeBooleanField("can_write", c.canWrite(caller));
        Json.stringList(g, "media_types", c.mediaTypes());
        g.writeEndObject();
    }
}

package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.AddResult;
import io.ctiflow.taxii.store.ObjectQuery;
import io.ctiflow.taxii.store.Page;
import io.ctiflow.taxii.store.TaxiiStore;
import io.ctiflow.taxii.store.TaxiiTime;
import io.ctiflow.taxii.store.VersionMatch;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** {@code /<api-root>/collections/<id>/}: the collection, its objects (GET, POST), one object (GET, DELETE), its versions and the manifest. */
@Path("/{apiRoot}/collections/{collectionId}")
public final class CollectionResource {

    private final Access access;
    private final TaxiiStore store;

    CollectionResource(Access access, TaxiiStore store) {
        this.access = access;
        this.store = store;
    }

    /** The collection a request addresses, with its caller; 401/404 before anything else happens. */
    private record Target(ApiRootConfig root, CollectionConfig collection, Caller caller) {
        String id() {
            return collection.id().toString();
        }
    }

    private Target target(String apiRoot, String collectionId, String authorization) {
        Caller caller = access.caller(authorization);
        ApiRootConfig root = access.root(apiRoot, caller);
        return new Target(root, access.collection(root, collectionId, caller), caller);
    }

    @GET
    public Response collection(@PathParam("apiRoot") String apiRoot, @PathParam("collectionId") String collectionId,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Target t = target(apiRoot, collectionId, authorization);
        return Responses.ok(Json.write(g -> ApiRootResource.collection(g, t.collection(), t.caller())));
    }

    @GET
    @Path("/objects")
    public Response objects(@PathParam("apiRoot") String apiRoot, @PathParam("collectionId") String collectionId,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        Target t = target(apiRoot, collectionId, authorization);
        Access.requireRead(t.collection(), t.caller());
        ObjectQuery q = QueryFilters.parse(uri.getQueryParameters(), QueryFilters.Endpoint.OBJECTS, null);
        return PageWriter.envelope(store.page(t.id(), q, true));
    }

    @POST
    @Path("/objects")
    public Response add(@PathParam("apiRoot") String apiRoot, @PathParam("collectionId") String collectionId,
                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) throws IOException {
        Target t = target(apiRoot, collectionId, authorization);
        Access.requireWrite(t.collection(), t.caller());
        long requestTimestamp = TaxiiTime.nowMicros();
        EnvelopeParser.Envelope envelope = EnvelopeParser.parse(body);
        AddResult result = store.add(t.id(), envelope.objects());
        String statusId = UUID.randomUUID().toString();
        String status = StatusJson.write(statusId, requestTimestamp, envelope, result);
        store.saveStatus(statusId, t.root().path(), t.caller().name(), requestTimestamp, status);
        return Response.accepted(status.getBytes(StandardCharsets.UTF_8)).type(TaxiiMedia.TAXII).build();
    }

    @GET
    @Path("/objects/{objectId}")
    public Response object(@PathParam("apiRoot") String apiRoot, @PathParam("collectionId") String collectionId,
                           @PathParam("objectId") String objectId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context UriInfo uri) {
        Target t = target(apiRoot, collectionId, authorization);
        Access.requireRead(t.collection(), t.caller());
        ObjectQuery q = QueryFilters.parse(uri.getQueryParameters(), QueryFilters.Endpoint.OBJECT, objectId);
        Page page = store.page(t.id(), q, true);
        requireFound(page, q, objectId, t);
        return PageWriter.envelope(page);
    }

    @DELETE
    @Path("/objects/{objectId}")
    public Response delete(@PathParam("apiRoot") String apiRoot, @PathParam("collectionId") String collectionId,
                           @PathParam("objectId") String objectId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context UriInfo uri) {
        Target t = target(apiRoot, collectionId, authorization);
        Access.requireRead(t.collection(), t.caller());
        Access.requireWrite(t.collection(), t.caller());
        ObjectQuery q = QueryFilters.parse(uri.getQueryParameters(), QueryFilters.Endpoint.OBJECT, objectId);
        if (store.delete(t.id(), objectId, q.versions(), q.specVersions()) == 0) {
            throw TaxiiError.notFound("no object '" + objectId + "' matching the filters in collection " + t.id());
        }
        return Response.ok().build();
    }

    @GET
    @Path("/objects/{objectId}/versions")
    public Response versions(@PathParam("apiRoot") String apiRoot, @PathParam("collectionId") String collectionId,
                             @PathParam("objectId") String objectId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @Context UriInfo uri) {
        Target t = target(apiRoot, collectionId, authorization);
        Access.requireRead(t.collection(), t.caller());
        ObjectQuery q = QueryFilters.parse(uri.getQueryParameters(), QueryFilters.Endpoint.VERSIONS, objectId);
        Page page = store.page(t.id(), q, false);
        requireFound(page, q, objectId, t);
        return PageWriter.versions(page);
    }

    @GET
    @Path("/manifest")
    public Response manifest(@PathParam("apiRoot") String apiRoot, @PathParam("collectionId") String collectionId,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        Target t = target(apiRoot, collectionId, authorization);
        Access.requireRead(t.collection(), t.caller());
        ObjectQuery q = QueryFilters.parse(uri.getQueryParameters(), QueryFilters.Endpoint.OBJECTS, null);
        return PageWriter.manifest(store.page(t.id(), q, false));
    }

    /** An empty first page for one id is a 404 only when the object does not exist at all (filters may just exclude it). */
    private void requireFound(Page page, ObjectQuery q, String objectId, Target t) {
        if (page.objects().isEmpty() && q.afterSeq() == 0 && store.page(t.id(),
                new ObjectQuery(List.of(objectId), List.of(), VersionMatch.ALL, List.of(), null, 1, 0), false).objects().isEmpty()) {
            throw TaxiiError.notFound("no object '" + objectId + "' in collection " + t.id());
        }
    }
}

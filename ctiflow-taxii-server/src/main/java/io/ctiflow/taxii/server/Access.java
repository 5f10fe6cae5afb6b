package io.ctiflow.taxii.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may see what: resolves the caller from the Authorization header and answers 401/403/404 the
 * way TAXII 2.1 says. Collections are listed only to readers; a collection the caller may neither
 * read nor write is treated as absent (404), so its existence does not leak; one it may write but
 * not read answers its collection resource and 403 for reading.
 */
final class Access {

    private final Authenticator authenticator;
    private final Map<String, ApiRootConfig> roots = new LinkedHashMap<>();

    Access(TaxiiServerConfig config) {
        this.authenticator = new Authenticator(config.users());
        config.apiRoots().forEach(r -> roots.put(r.path(), r));
    }

    Caller caller(String authorization) {
        return authenticator.authenticate(authorization).orElse(Caller.ANONYMOUS);
    }

    List<ApiRootConfig> roots() {
        return List.copyOf(roots.values());
    }

    /** Anonymous callers see the server only when some collection is readable anonymously. */
    void requireAnyAccess(Caller caller) {
        if (caller.anonymous() && roots.values().stream().flatMap(r -> r.collections().stream()).noneMatch(c -> c.anonymousRead())) {
            throw TaxiiError.unauthorized("authenticate with HTTP Basic or a Bearer API token");
        }
    }

    ApiRootConfig root(String path, Caller caller) {
        ApiRootConfig root = roots.get(path);
        if (root == null) {
            throw TaxiiError.notFound("no API root '" + path + "'");
        }
        requireAnyAccess(caller);
        return root;
    }

    CollectionConfig collection(ApiRootConfig root, String id, Caller caller) {
        Optional<CollectionConfig> found = root.collections().stream().filter(c -> c.id().toString().equalsIgnoreCase(id)).findFirst();
        if (found.isEmpty() || !found.get().visibleTo(caller)) {
            if (caller.anonymous()) {
                throw TaxiiError.unauthorized("authenticate with HTTP Basic or a Bearer API token");
            }
            throw TaxiiError.notFound("no collection '" + id + "' in API root '" + root.path() + "'");
        }
        return found.get();
    }

    static void requireRead(CollectionConfig c, Caller caller) {
        if (!c.canRead(caller)) {
            throw TaxiiError.forbidden("you may not read collection " + c.id());
        }
    }

    static void requireWrite(CollectionConfig c, Caller caller) {
        if (!c.canWrite(caller)) {
            throw caller.anonymous() ? TaxiiError.unauthorized("writing needs authentication")
                    : TaxiiError.forbidden("you may not write to collection " + c.id());
        }
    }
}

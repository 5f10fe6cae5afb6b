package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.ObjectQuery;
import io.ctiflow.taxii.store.TaxiiTime;
import io.ctiflow.taxii.store.VersionMatch;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and checks the URL parameters of objects, object, versions and manifest requests (400 with the parameter named). */
final class QueryFilters {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    /** Which match[...] fields an endpoint supports. */
    enum Endpoint {
        OBJECTS(Set.of("id", "type", "version", "spec_version")),
        OBJECT(Set.of("version", "spec_version")),
        VERSIONS(Set.of("spec_version"));

        final Set<String> matchFields;

        Endpoint(Set<String> matchFields) {
            this.matchFields = matchFields;
        }
    }

    private QueryFilters() {
    }

    static ObjectQuery parse(MultivaluedMap<String, String> params, Endpoint endpoint, String objectId) {
        for (String name : params.keySet()) {
            if (name.startsWith("match[")) {
                String field = name.endsWith("]") ? name.substring(6, name.length() - 1) : "";
                if (!endpoint.matchFields.contains(field)) {
                    throw TaxiiError.badRequest("unsupported filter " + name + " here (supported: match[" + String.join("], match[", endpoint.matchFields) + "])");
                }
            }
        }
        Long addedAfter = null;
        String after = params.getFirst("added_after");
        if (after != null) {
            try {
                addedAfter = TaxiiTime.parse(after);
            } catch (IllegalArgumentException e) {
                throw TaxiiError.badRequest("added_after: " + e.getMessage());
            }
        }
        int limit = DEFAULT_LIMIT;
        String limitText = params.getFirst("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                throw TaxiiError.badRequest("limit must be a positive integer, not '" + limitText + "'");
            }
            if (limit < 1) {
                throw TaxiiError.badRequest("limit must be a positive integer, not '" + limitText + "'");
            }
            limit = Math.min(limit, MAX_LIMIT); // the spec lets a server return fewer than asked
        }
        VersionMatch versions;
        try {
            versions = endpoint == Endpoint.VERSIONS ? VersionMatch.ALL : VersionMatch.parse(params.get("match[version]"));
        } catch (IllegalArgumentException e) {
            throw TaxiiError.badRequest("match[version] must be last, first, all or timestamps: " + e.getMessage());
        }
        List<String> ids = objectId != null ? List.of(objectId) : values(params.get("match[id]"));
        long afterSeq = params.getFirst("next") == null ? 0 : PageToken.decodeSeq(params.getFirst("next"));
        return new ObjectQuery(ids, values(params.get("match[type]")), versions, values(params.get("match[spec_version]")),
                addedAfter, limit, afterSeq);
    }

    private static List<String> values(List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String r : raw) {
                for (String v : r.split(",")) {
                    if (!v.isBlank()) {
                        out.add(v.strip());
                    }
                }
            }
        }
        return out;
    }
}

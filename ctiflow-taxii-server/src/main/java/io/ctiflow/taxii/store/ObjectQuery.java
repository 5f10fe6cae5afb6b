package io.ctiflow.taxii.store;

import java.util.List;

/**
 * The filters of an objects, manifest or versions request, already validated: {@code match[id]},
 * {@code match[type]}, {@code match[version]}, {@code match[spec_version]} (empty lists: no filter),
 * {@code added_after} (exclusive, microseconds, or null), the page size and the position after which
 * the page starts (the seq of the last object of the previous page, 0 for the first page).
 */
public record ObjectQuery(List<String> ids, List<String> types, VersionMatch versions, List<String> specVersions,
                          Long addedAfter, int limit, long afterSeq) {

    public ObjectQuery {
        ids = List.copyOf(ids);
        types = List.copyOf(types);
        specVersions = List.copyOf(specVersions);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    public static ObjectQuery all(int limit) {
        return new ObjectQuery(List.of(), List.of(), VersionMatch.LAST, List.of(), null, limit, 0);
    }

    public ObjectQuery after(long seq) {
        return new ObjectQuery(ids, types, versions, specVersions, addedAfter, limit, seq);
    }
}

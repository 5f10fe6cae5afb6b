package io.ctiflow.taxii.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads pages of a collection in add order (seq), with the TAXII filters as SQL. Pages are a keyset
 * on seq: a page starts after the last seq of the one before, so objects added meanwhile (always with
 * a higher seq) never shift a page, and nothing is skipped or served twice. Bodies are returned as the
 * stored bytes, never parsed.
 */
final class ObjectReader {

    private ObjectReader() {
    }

    /** A page of the collection numbered {@code collectionNo} (schema V4: memberships, described by the bodies they reference). */
    static Page page(Connection c, int collectionNo, ObjectQuery q, boolean withBody) throws SQLException {
        List<Object> params = new ArrayList<>();
        // envelopes need only the bytes and the keyset columns: every other column read costs a String per row
        StringBuilder sql = new StringBuilder(withBody ? "SELECT o.date_added, o.position, b.body"
                : "SELECT o.date_added, o.position, b.object_id, b.version, b.spec_version")
                .append(" FROM taxii_membership o JOIN taxii_content b ON b.content_no = o.content_no")
                .append(" WHERE o.position > ? AND o.position < ?"); // the collection's range, after the previous page
        params.add(ContentKeys.position(collectionNo, q.afterSeq()));
        params.add(ContentKeys.position(collectionNo + 1, 0));
        if (q.addedAfter() != null) {
            sql.append(" AND o.date_added > ?");
            params.add(q.addedAfter());
        }
        if (!q.ids().isEmpty()) { // the compact id index first, then the exact ids (two may share a hash)
            in(sql, params, "b.id_hash", q.ids().stream().map(ContentKeys::idHash).distinct().map(h -> (Object) h).toList());
            in(sql, params, "b.object_id", q.ids());
        }
        in(sql, params, "b.object_type", q.types());
        in(sql, params, "b.spec_version", q.specVersions());
        versions(sql, params, q.versions(), collectionNo);
        // the key's order: H2 reads the range in order instead of sorting it
        sql.append(" ORDER BY o.position LIMIT ?");
        params.add(q.limit() + 1); // one more tells whether there is a next page
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                p.setObject(i + 1, params.get(i));
            }
            p.setFetchSize(Math.min(q.limit() + 1, 1000));
            List<StoredObject> objects = new ArrayList<>(Math.min(q.limit(), 1000));
            boolean more = false;
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (objects.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    objects.add(withBody ? new StoredObject(null, 0, null, rs.getLong(1), rs.getLong(2) & ContentKeys.SEQ_MASK, rs.getBytes(3))
                            : new StoredObject(rs.getString(3), rs.getLong(4), rs.getString(5), rs.getLong(1), rs.getLong(2) & ContentKeys.SEQ_MASK, null));
                }
            }
            return new Page(objects, more);
        }
    }

    private static void in(StringBuilder sql, List<Object> params, String column, List<?> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append(String.join(",", Collections.nCopies(values.size(), "?"))).append(')');
        params.addAll(values);
    }

    /** The version match: any of the listed choices (TAXII combines them with OR). */
    private static void versions(StringBuilder sql, List<Object> params, VersionMatch match, int collectionNo) {
        if (match.all()) {
            return;
        }
        List<String> any = new ArrayList<>();
        if (match.last()) {
            any.add("o.latest = TRUE"); // maintained on insert and delete: no per-row subquery
        }
        if (match.first()) {
            any.add("b.version = (SELECT MIN(v.version) FROM taxii_content v JOIN taxii_membership w ON w.content_no = v.content_no "
                    + "WHERE v.id_hash = b.id_hash AND v.object_id = b.object_id AND w.position > ? AND w.position < ?)");
            params.add(ContentKeys.position(collectionNo, 0));
            params.add(ContentKeys.position(collectionNo + 1, 0));
        }
        for (Long version : match.versions()) {
            // objects without modified/created have date_added as their version
            any.add("(b.version = ? OR (b.version = " + TaxiiTime.NO_VERSION + " AND o.date_added = ?))");
            params.add(version);
            params.add(version);
        }
        sql.append(" AND (").append(String.join(" OR ", any)).append(')');
    }
}

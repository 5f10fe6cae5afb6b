package io.ctiflow.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Dead letters as rows of {@code state_dead_letter}: listed by {@code ctiflow dead-letter list},
 * marked replay-requested by {@code ctiflow dead-letter replay}, and re-injected by the running
 * ctiflow ({@code routes/common/dead-letter-replay.camel.yaml}), which marks them replayed or
 * replay-failed with the new reason.
 */
public final class DeadLetterStore {

    /** Which rows: any of the fields may be null (= all). */
    public record Filter(String kind, String source, String status) {
        public static final Filter ALL = new Filter(null, null, null);
    }

    /** A dead letter before it has an id. */
    public record Entry(String kind, String source, String location, String reason, String payload) {
    }

    private static final int MAX_REASON = 4000;
    private static final int MAX_LOCATION = 2000;
    private static final int MAX_SOURCE = 200;

    private final StateStore store;

    public DeadLetterStore(StateStore store) {
        this.store = store;
    }

    /** Adds the entries in one transaction; returns their ids. */
    public List<Long> add(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        long now = System.currentTimeMillis();
        return store.inTransaction("record dead letters", c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO state_dead_letter "
                    + "(created_at, kind, source, location, reason, payload, status, status_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (Entry e : entries) {
                    p.setLong(1, now);
                    p.setString(2, e.kind());
                    p.setString(3, cut(e.source() == null ? "unknown" : e.source(), MAX_SOURCE));
                    p.setString(4, e.location() == null ? null : cut(e.location(), MAX_LOCATION));
                    p.setString(5, cut(e.reason() == null ? "unknown" : e.reason(), MAX_REASON));
                    p.setString(6, e.payload());
                    p.setString(7, DeadLetter.NEW);
                    p.setLong(8, now);
                    p.executeUpdate();
                    try (ResultSet keys = p.getGeneratedKeys()) {
                        keys.next();
                        ids.add(keys.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    public long add(Entry entry) {
        return add(List.of(entry)).get(0);
    }

    /** The matching rows in id order, at most {@code limit}. */
    public List<DeadLetter> list(Filter filter, int limit) {
        return store.run("list dead letters", c -> query(c, filter, null, limit));
    }

    public List<DeadLetter> byIds(List<Long> ids) {
        return store.run("read dead letters", c -> query(c, Filter.ALL, ids, Integer.MAX_VALUE));
    }

    /**
     * Marks the given rows replay-requested, in one transaction. Every id must exist and be replayable
     * (not a reject), else nothing is marked and the exception names the id.
     */
    public List<DeadLetter> requestReplay(List<Long> ids) {
        return store.inTransaction("request replay", c -> {
            List<DeadLetter> rows = query(c, Filter.ALL, ids, Integer.MAX_VALUE);
            for (Long id : ids) {
                DeadLetter row = rows.stream().filter(r -> r.id() == id).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no dead letter with id " + id));
                if (!row.replayable()) {
                    throw new IllegalArgumentException("dead letter " + id + " is a reject (a single record of " + row.source()
                            + "): rejects are listed only; fix the mapping or the input and drop the input again");
                }
            }
            return mark(c, rows, DeadLetter.REPLAY_REQUESTED, null);
        });
    }

    /** Marks every replayable row matching the filter (and not already replayed or queued) replay-requested. */
    public List<DeadLetter> requestReplay(Filter filter) {
        return store.inTransaction("request replay", c -> {
            List<DeadLetter> rows = query(c, filter, null, Integer.MAX_VALUE).stream()
                    .filter(DeadLetter::replayable)
                    .filter(r -> DeadLetter.NEW.equals(r.status()) || DeadLetter.REPLAY_FAILED.equals(r.status()))
                    .toList();
            return mark(c, rows, DeadLetter.REPLAY_REQUESTED, null);
        });
    }

    /** Rows waiting for the running ctiflow to replay them, oldest first. */
    public List<DeadLetter> replayRequested(int limit) {
        return list(new Filter(null, null, DeadLetter.REPLAY_REQUESTED), limit);
    }

    public void markReplayed(long id) {
        store.run("mark dead letter replayed", c -> mark(c, byId(c, id), DeadLetter.REPLAYED, null));
    }

    /** Marks a row replay-failed with the reason of this attempt. */
    public void markReplayFailed(long id, String reason) {
        store.run("mark dead letter replay-failed", c -> mark(c, byId(c, id), DeadLetter.REPLAY_FAILED, reason));
    }

    private List<DeadLetter> byId(Connection c, long id) throws SQLException {
        return query(c, Filter.ALL, List.of(id), 1);
    }

    private static List<DeadLetter> mark(Connection c, List<DeadLetter> rows, String status, String reason) throws SQLException {
        long now = System.currentTimeMillis();
        String sql = reason == null ? "UPDATE state_dead_letter SET status = ?, status_at = ? WHERE id = ?"
                : "UPDATE state_dead_letter SET status = ?, status_at = ?, reason = ? WHERE id = ?";
        List<DeadLetter> marked = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (DeadLetter r : rows) {
                int i = 1;
                p.setString(i++, status);
                p.setLong(i++, now);
                if (reason != null) {
                    p.setString(i++, cut(reason, MAX_REASON));
                }
                p.setLong(i, r.id());
                p.executeUpdate();
                marked.add(new DeadLetter(r.id(), r.time(), r.kind(), r.source(), r.location(),
                        reason == null ? r.reason() : reason, r.payload(), status));
            }
        }
        return marked;
    }

    private static List<DeadLetter> query(Connection c, Filter filter, List<Long> ids, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, created_at, kind, source, location, reason, payload, status FROM state_dead_letter WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        condition(sql, args, "kind", filter.kind());
        condition(sql, args, "source", filter.source());
        condition(sql, args, "status", filter.status());
        if (ids != null) {
            if (ids.isEmpty()) {
                return List.of();
            }
            sql.append(" AND id IN (").append("?,".repeat(ids.size() - 1)).append("?)");
            args.addAll(ids);
        }
        sql.append(" ORDER BY id");
        List<DeadLetter> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            p.setMaxRows(limit);
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DeadLetter(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return rows;
    }

    private static void condition(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

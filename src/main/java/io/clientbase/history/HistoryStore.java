package io.clientbase.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** All the SQL that reads record_changes: a record's entries and the audit list, newest first, keyset by id. */
@ApplicationScoped
public class HistoryStore {

    @Inject
    DataSource dataSource;

    /** Entries of one record older than {@code beforeId} (0: from the newest), newest first. */
    List<HistoryEntry> ofRecord(RecordType type, long recordId, long beforeId, int limit) {
        List<Object> params = new ArrayList<>(List.of(type.key, recordId));
        String sql = "SELECT * FROM record_changes WHERE record_type = ? AND record_id = ?" + before(beforeId, params)
                + " ORDER BY id DESC LIMIT " + limit;
        return query(sql, params);
    }

    /** Every entry, filtered, newest first. */
    List<HistoryEntry> audit(Long actorId, RecordType type, Instant since, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM record_changes WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (actorId != null) {
            sql.append(" AND actor_id = ?");
            params.add(actorId);
        }
        if (type != null) {
            sql.append(" AND record_type = ?");
            params.add(type.key);
        }
        if (since != null) {
            sql.append(" AND at >= ?");
            params.add(Timestamp.valueOf(LocalDateTime.ofInstant(since, ZoneOffset.UTC)));
        }
        sql.append(before(beforeId, params)).append(" ORDER BY id DESC LIMIT ").append(limit);
        return query(sql.toString(), params);
    }

    /** Entries by id in one statement (the outbox names its changes by id): those that exist, by id. */
    public Map<Long, HistoryEntry> byIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String list = String.join(",", ids.stream().map(String::valueOf).toList());
        Map<Long, HistoryEntry> found = new java.util.HashMap<>();
        for (HistoryEntry e : query("SELECT * FROM record_changes WHERE id IN (" + list + ")", List.of())) {
            found.put(e.id(), e);
        }
        return found;
    }

    /** Entries older than the retention: removed in bounded batches; how many went. */
    int purgeOlderThan(Instant cutoff, int batch) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM record_changes WHERE at < ? ORDER BY id LIMIT " + batch)) {
            st.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC)));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("history retention failed", e);
        }
    }

    private static String before(long beforeId, List<Object> params) {
        if (beforeId <= 0) {
            return "";
        }
        params.add(beforeId);
        return " AND id < ?";
    }

    private List<HistoryEntry> query(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                List<HistoryEntry> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(new HistoryEntry(rs.getLong("id"), RecordType.fromKey(rs.getString("record_type")), rs.getLong("record_id"),
                            HistoryAction.fromKey(rs.getString("action")), (Long) rs.getObject("owner_id", Long.class),
                            rs.getObject("actor_id", Long.class), rs.getString("actor_login"),
                            rs.getTimestamp("at", java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"))).toInstant(),
                            ChangeJournal.changes(rs.getString("changes"))));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("history query failed", e);
        }
    }
}

package io.clientbase.webhooks;

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
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;

/** All the SQL of webhooks, their outbox and their deliveries, on the caller's transaction. */
@ApplicationScoped
public class WebhookStore {

    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    @Inject
    DataSource dataSource;

    /** A claimed outbox row: the change it names and the record as stored then. */
    record OutboxRow(long id, long changeId, String record) {
    }

    // ---- webhooks --------------------------------------------------------------------------------

    List<Webhook> all() {
        return webhooks("SELECT * FROM webhooks ORDER BY id", List.of());
    }

    List<Webhook> active() {
        return webhooks("SELECT * FROM webhooks WHERE active = TRUE ORDER BY id", List.of());
    }

    List<Webhook> ownedBy(long ownerId) {
        return webhooks("SELECT * FROM webhooks WHERE owner_id = ? ORDER BY id", List.of(ownerId));
    }

    Webhook byId(long id, boolean forUpdate) {
        List<Webhook> found = webhooks("SELECT * FROM webhooks WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }

    long count() {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM webhooks");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("webhook count failed", e);
        }
    }

    long insert(long ownerId, String url, List<String> events, String description, boolean active, String secret) {
        String sql = "INSERT INTO webhooks (owner_id, url, events, description, active, secret, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 1) RETURNING id";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, Arrays.asList(ownerId, url, String.join(",", events), description, active, secret));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("webhook insert failed", e);
        }
    }

    void update(Webhook w) {
        execute("UPDATE webhooks SET url = ?, events = ?, description = ?, active = ?, disabled_reason = ?, secret = ?,"
                        + " previous_secret = ?, previous_expires_at = ?, failing_since = ?, updated_at = UTC_TIMESTAMP(6), version = ? WHERE id = ?",
                Arrays.asList(w.url(), String.join(",", w.events()), w.description(), w.active(), w.disabledReason(), w.secret(),
                        w.previousSecret(), timestamp(w.previousExpiresAt()), timestamp(w.failingSince()), w.version(), w.id()));
    }

    void delete(long id) {
        execute("DELETE FROM webhooks WHERE id = ?", List.of(id));
    }

    /** After a success: the endpoint is no longer failing. */
    void succeeded(long webhookId) {
        execute("UPDATE webhooks SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL", List.of(webhookId));
    }

    /** After a failure: failing since now unless it already was; disabled when it has failed since before {@code disableBefore}. */
    void failed(long webhookId, Instant disableBefore) {
        execute("UPDATE webhooks SET failing_since = COALESCE(failing_since, UTC_TIMESTAMP(6)) WHERE id = ?", List.of(webhookId));
        execute("UPDATE webhooks SET active = FALSE, disabled_reason = 'the endpoint failed every attempt for days'"
                + " WHERE id = ? AND active = TRUE AND failing_since < ?", List.of(webhookId, timestamp(disableBefore)));
    }

    void disable(long webhookId, String reason) {
        execute("UPDATE webhooks SET active = FALSE, disabled_reason = ? WHERE id = ?", List.of(reason, webhookId));
    }

    // ---- outbox ----------------------------------------------------------------------------------

    /** The oldest outbox rows no other instance holds, locked for the caller's transaction. */
    List<OutboxRow> claimOutbox(int limit) {
        String sql = "SELECT id, change_id, record FROM event_outbox ORDER BY id LIMIT " + limit + " FOR UPDATE SKIP LOCKED";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            List<OutboxRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new OutboxRow(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox read failed", e);
        }
    }

    void deleteOutbox(List<Long> ids) {
        if (!ids.isEmpty()) {
            execute("DELETE FROM event_outbox WHERE id IN (" + String.join(",", ids.stream().map(String::valueOf).toList()) + ")", List.of());
        }
    }

    // ---- deliveries ------------------------------------------------------------------------------

    void insertDelivery(long webhookId, long changeId, String messageId, String eventType, String recordKey, Long ownerId, String body) {
        execute("INSERT INTO webhook_deliveries (webhook_id, change_id, message_id, event_type, record_key, owner_id, body, state,"
                        + " attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
                Arrays.asList(webhookId, changeId, messageId, eventType, recordKey, ownerId, body));
    }

    /**
     * Due messages of active endpoints that no instance is sending and that no earlier pending
     * message of the same record and endpoint holds back; each leased until {@code leaseUntil}.
     */
    List<Delivery> claimDue(int limit, Instant leaseUntil) {
        // a consistent (unlocking) read picks the candidates; only their own rows are then locked,
        // skipping any that another instance holds, so the endpoints' rows are never locked here
        String candidates = "SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                + " WHERE d.state = 'PENDING' AND d.next_attempt_at <= UTC_TIMESTAMP(6) AND w.active = TRUE"
                + " AND (d.lease_until IS NULL OR d.lease_until < UTC_TIMESTAMP(6))"
                + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id AND e.record_key = d.record_key"
                + " AND e.state = 'PENDING' AND e.change_id < d.change_id)"
                + " ORDER BY d.next_attempt_at, d.id LIMIT " + limit;
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(candidates); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery query failed", e);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Delivery> due = deliveries("SELECT * FROM webhook_deliveries WHERE id IN ("
                + String.join(",", ids.stream().map(String::valueOf).toList()) + ") AND state = 'PENDING'"
                + " AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6)) ORDER BY id FOR UPDATE SKIP LOCKED", List.of());
        for (Delivery d : due) {
            execute("UPDATE webhook_deliveries SET lease_until = ? WHERE id = ?", List.of(timestamp(leaseUntil), d.id()));
        }
        return due;
    }

    void recordAttempt(long id, Delivery.State state, int attempts, Integer status, String error, int durationMs, Instant next) {
        execute("UPDATE webhook_deliveries SET state = ?, attempts = ?, last_status = ?, last_error = ?, last_duration_ms = ?,"
                        + " last_attempt_at = UTC_TIMESTAMP(6), next_attempt_at = ?, lease_until = NULL WHERE id = ?",
                Arrays.asList(state.name(), attempts, status, error, durationMs, timestamp(next), id));
    }

    /** Sent again at once, with a fresh set of attempts. */
    void redeliver(long id) {
        execute("UPDATE webhook_deliveries SET state = 'PENDING', attempts = 0, next_attempt_at = UTC_TIMESTAMP(6), lease_until = NULL"
                + " WHERE id = ?", List.of(id));
    }

    Delivery delivery(long webhookId, long id) {
        List<Delivery> found = deliveries("SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND id = ?", List.of(webhookId, id));
        return found.isEmpty() ? null : found.get(0);
    }

    /** A webhook's deliveries older than {@code beforeId} (0: from the newest), newest first. */
    List<Delivery> deliveries(long webhookId, long beforeId, int limit) {
        return deliveries("SELECT * FROM webhook_deliveries WHERE webhook_id = ?" + (beforeId > 0 ? " AND id < " + beforeId : "")
                + " ORDER BY id DESC LIMIT " + limit, List.of(webhookId));
    }

    // ---- JDBC ------------------------------------------------------------------------------------

    private List<Webhook> webhooks(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                List<Webhook> result = new ArrayList<>();
                while (rs.next()) {
                    String events = rs.getString("events");
                    result.add(new Webhook(rs.getLong("id"), rs.getLong("owner_id"), rs.getString("url"),
                            events.isEmpty() ? List.of() : List.of(events.split(",")), rs.getString("description"),
                            rs.getBoolean("active"), rs.getString("disabled_reason"), rs.getString("secret"), rs.getString("previous_secret"),
                            instant(rs, "previous_expires_at"), instant(rs, "failing_since"), instant(rs, "created_at"),
                            instant(rs, "updated_at"), rs.getInt("version")));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("webhook query failed", e);
        }
    }

    private List<Delivery> deliveries(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                List<Delivery> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(new Delivery(rs.getLong("id"), rs.getLong("webhook_id"), rs.getLong("change_id"), rs.getString("message_id"),
                            rs.getString("event_type"), rs.getString("record_key"), rs.getObject("owner_id", Long.class), rs.getString("body"),
                            Delivery.State.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getObject("last_status", Integer.class),
                            rs.getString("last_error"), rs.getObject("last_duration_ms", Integer.class), instant(rs, "created_at"),
                            instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at")));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery query failed", e);
        }
    }

    private void execute(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("webhook write failed", e);
        }
    }

    private static void bind(PreparedStatement st, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Timestamp t) {
                st.setTimestamp(i + 1, t, UTC.get());
            } else {
                st.setObject(i + 1, p);
            }
        }
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column, UTC.get());
        return t == null ? null : t.toInstant();
    }
}

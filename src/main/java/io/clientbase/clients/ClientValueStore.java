package io.clientbase.clients;

import io.clientbase.schema.Field;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Custom values, the one place that writes them: a typed row per (client, field) in client_values,
 * the value in the column of its type (what filters and sorts use), and the same values as the
 * client's {@link ValueDocument} (what reads use), changed together in the caller's transaction.
 */
@ApplicationScoped
public class ClientValueStore {

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    /** The client's values of the fields the caller sees. */
    public Map<Long, TypedValue> visibleValues(Client client, VisibleSchema schema) {
        return ValueDocument.read(client.fieldValues, schema);
    }

    /** The client's values of the fields the caller sees, as the API shows them. */
    public ValueDocument.VisibleValues visibleJson(Client client, VisibleSchema schema) {
        return ValueDocument.json(client.fieldValues, schema);
    }

    /** What a new client is made of, validated. */
    public interface NewClient {
        String name();

        long ownerId();

        Map<Field, TypedValue> values();
    }

    private record Single(String name, long ownerId, Map<Field, TypedValue> values) implements NewClient {
    }

    /** Inserts a new client (name, owner, createdAt set) with its values and gives it its id; version 1. */
    public void insert(Client client, Map<Field, TypedValue> values) {
        client.id = insertAll(List.of(new Single(client.name, client.ownerId, values)), client.createdAt)[0];
        client.version = 1;
        client.fieldValues = ValueDocument.with(null, values);
    }

    /**
     * New clients with their values, both forms, in the caller's transaction: one multi-row
     * INSERT … RETURNING id for the clients, then multi-row INSERTs for their values. Plain JDBC:
     * Hibernate's persist was a third of the application's CPU per create (profile of case f).
     * Returns the ids in the order of {@code batch}.
     */
    public long[] insertAll(List<? extends NewClient> batch, Instant created) {
        return insertAll(batch, created, () -> { }, () -> { });
    }

    /** The same, calling {@code beforeIds} and {@code afterIds} around the one statement that assigns the ids. */
    long[] insertAll(List<? extends NewClient> batch, Instant created, Runnable beforeIds, Runnable afterIds) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(created, ZoneOffset.UTC));
        try (Connection c = dataSource.getConnection()) {
            StringBuilder sql = new StringBuilder("INSERT INTO clients (name, owner_id, created_at, updated_at, version, field_values) VALUES ");
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,1,?)");
            }
            sql.append(" RETURNING id");
            long[] ids = new long[batch.size()];
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (NewClient row : batch) {
                    st.setString(p++, row.name());
                    st.setLong(p++, row.ownerId());
                    st.setTimestamp(p++, now);
                    st.setTimestamp(p++, now);
                    st.setString(p++, ValueDocument.with(null, row.values()));
                }
                beforeIds.run();
                try (ResultSet rs = st.executeQuery()) {
                    for (int i = 0; rs.next(); i++) {
                        ids[i] = rs.getLong(1);
                    }
                } finally {
                    afterIds.run();
                }
            }
            insertValues(c, batch, ids);
            TextIndex.markNew(c, ids, batch.stream().mapToLong(NewClient::ownerId).toArray());
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Client insert failed", e);
        }
    }

    private static void insertValues(Connection c, List<? extends NewClient> batch, long[] ids) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            for (var entry : batch.get(i).values().entrySet()) {
                TypedValue v = entry.getValue();
                rows.add(new Object[] {ids[i], batch.get(i).ownerId(), entry.getKey().id, v.text(), v.number(),
                        v.date() == null ? null : java.sql.Date.valueOf(v.date()),
                        v.dateTime() == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(v.dateTime(), ZoneOffset.UTC)),
                        v.bool()});
            }
        }
        int chunk = 5000;
        for (int from = 0; from < rows.size(); from += chunk) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + chunk));
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO client_values (client_id, owner_id, field_id, v_text, v_number, v_date, v_datetime, v_bool) VALUES ");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?)");
            }
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (Object[] r : part) {
                    for (Object o : r) {
                        st.setObject(p++, o);
                    }
                }
                st.executeUpdate();
            }
        }
    }

    /** Sets (or, for a null value, removes) values of a managed client; the caller's transaction commits both forms. */
    public void apply(Client client, Map<Field, TypedValue> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<Field, TypedValue> set = new LinkedHashMap<>();
        List<Long> removed = new ArrayList<>();
        changes.forEach((field, value) -> {
            if (value == null) {
                removed.add(field.id);
            } else {
                set.put(field, value);
            }
        });
        put(client, set);
        remove(client.id, removed);
        client.fieldValues = ValueDocument.with(client.fieldValues, changes);
    }

    /** All the values in one statement (a create or a patch is one round trip, however many fields it sets). */
    private void put(Client client, Map<Field, TypedValue> values) {
        if (values.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO client_values (client_id, owner_id, field_id, v_text, v_number, v_date, v_datetime, v_bool) VALUES ");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE v_text = VALUES(v_text), v_number = VALUES(v_number), v_date = VALUES(v_date), "
                + "v_datetime = VALUES(v_datetime), v_bool = VALUES(v_bool)");
        var query = em.createNativeQuery(sql.toString());
        int p = 1;
        for (var entry : values.entrySet()) {
            TypedValue v = entry.getValue();
            query.setParameter(p++, client.id).setParameter(p++, client.ownerId).setParameter(p++, entry.getKey().id)
                    .setParameter(p++, v.text()).setParameter(p++, v.number()).setParameter(p++, v.date())
                    .setParameter(p++, v.dateTime() == null ? null : LocalDateTime.ofInstant(v.dateTime(), ZoneOffset.UTC))
                    .setParameter(p++, v.bool());
        }
        query.executeUpdate();
    }

    /** The owner beside each value (V10) follows the client's; called in the transaction that changes it. */
    public void ownerChanged(long clientId, long ownerId) {
        em.createNativeQuery("UPDATE client_values SET owner_id = ?1 WHERE client_id = ?2")
                .setParameter(1, ownerId).setParameter(2, clientId).executeUpdate();
    }

    /** All of a user's clients pass to another: their values' owner too (before the clients change hands). */
    public void ownerReplaced(long fromUserId, long toUserId) {
        em.createNativeQuery("UPDATE client_values v JOIN clients c ON c.id = v.client_id SET v.owner_id = ?1 WHERE c.owner_id = ?2")
                .setParameter(1, toUserId).setParameter(2, fromUserId).executeUpdate();
    }

    private void remove(long clientId, List<Long> fieldIds) {
        if (fieldIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("DELETE FROM client_values WHERE client_id = ?1 AND field_id IN (?2)")
                .setParameter(1, clientId).setParameter(2, fieldIds).executeUpdate();
    }
}

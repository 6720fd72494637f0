package io.clientbase.clients;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Custom values, the one place that writes them: a typed row per (client, field) in client_values,
 * the value in the column of its type (what filters and sorts use), and the same values as the
 * client's {@link ValueDocument} (what reads use), changed together in the caller's transaction.
 */
@ApplicationScoped
public class ClientValueStore {

    @Inject
    EntityManager em;

    /** The client's values of the fields the caller sees. */
    public Map<Long, TypedValue> visibleValues(Client client, VisibleSchema schema) {
        return ValueDocument.read(client.fieldValues, schema);
    }

    /** The client's values of the fields the caller sees, as the API shows them. */
    public ObjectNode visibleJson(Client client, VisibleSchema schema) {
        return ValueDocument.json(client.fieldValues, schema);
    }

    /** Persists a new client with its values, both forms in the caller's transaction. */
    public void insert(Client client, Map<Field, TypedValue> values) {
        client.fieldValues = ValueDocument.with(null, values);
        client.persist();
        em.flush();
        put(client.id, values);
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
        put(client.id, set);
        remove(client.id, removed);
        client.fieldValues = ValueDocument.with(client.fieldValues, changes);
    }

    /** All the values in one statement (a create or a patch is one round trip, however many fields it sets). */
    private void put(long clientId, Map<Field, TypedValue> values) {
        if (values.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO client_values (client_id, field_id, v_text, v_number, v_date, v_datetime, v_bool) VALUES ");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE v_text = VALUES(v_text), v_number = VALUES(v_number), v_date = VALUES(v_date), "
                + "v_datetime = VALUES(v_datetime), v_bool = VALUES(v_bool)");
        var query = em.createNativeQuery(sql.toString());
        int p = 1;
        for (var entry : values.entrySet()) {
            TypedValue v = entry.getValue();
            query.setParameter(p++, clientId).setParameter(p++, entry.getKey().id)
                    .setParameter(p++, v.text()).setParameter(p++, v.number()).setParameter(p++, v.date())
                    .setParameter(p++, v.dateTime() == null ? null : LocalDateTime.ofInstant(v.dateTime(), ZoneOffset.UTC))
                    .setParameter(p++, v.bool());
        }
        query.executeUpdate();
    }

    private void remove(long clientId, List<Long> fieldIds) {
        if (fieldIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("DELETE FROM client_values WHERE client_id = ?1 AND field_id IN (?2)")
                .setParameter(1, clientId).setParameter(2, fieldIds).executeUpdate();
    }
}

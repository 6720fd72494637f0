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
        values.forEach((field, value) -> put(client.id, field.id, value));
    }

    /** Sets (or, for a null value, removes) values of a managed client; the caller's transaction commits both forms. */
    public void apply(Client client, Map<Field, TypedValue> changes) {
        if (changes.isEmpty()) {
            return;
        }
        changes.forEach((field, value) -> {
            if (value == null) {
                remove(client.id, field.id);
            } else {
                put(client.id, field.id, value);
            }
        });
        client.fieldValues = ValueDocument.with(client.fieldValues, changes);
    }

    private void put(long clientId, long fieldId, TypedValue v) {
        em.createNativeQuery("INSERT INTO client_values (client_id, field_id, v_text, v_number, v_date, v_datetime, v_bool) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON DUPLICATE KEY UPDATE v_text = VALUES(v_text), "
                        + "v_number = VALUES(v_number), v_date = VALUES(v_date), v_datetime = VALUES(v_datetime), v_bool = VALUES(v_bool)")
                .setParameter(1, clientId).setParameter(2, fieldId)
                .setParameter(3, v.text()).setParameter(4, v.number())
                .setParameter(5, v.date())
                .setParameter(6, v.dateTime() == null ? null : LocalDateTime.ofInstant(v.dateTime(), ZoneOffset.UTC))
                .setParameter(7, v.bool())
                .executeUpdate();
    }

    private void remove(long clientId, long fieldId) {
        em.createNativeQuery("DELETE FROM client_values WHERE client_id = ?1 AND field_id = ?2")
                .setParameter(1, clientId).setParameter(2, fieldId).executeUpdate();
    }
}

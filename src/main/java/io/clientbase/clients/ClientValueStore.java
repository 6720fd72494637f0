package io.clientbase.clients;

import io.clientbase.schema.FieldValues.TypedValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Typed custom values: one row per (client, field), the value in the column of its type. */
@ApplicationScoped
public class ClientValueStore {

    @Inject
    EntityManager em;

    @Inject
    ClientRows jdbc;

    /** clientId → fieldId → value, for a page of clients in one query. */
    public Map<Long, Map<Long, TypedValue>> load(Collection<Long> clientIds) {
        Map<Long, Map<Long, TypedValue>> result = new HashMap<>();
        if (clientIds.isEmpty()) {
            return result;
        }
        String ids = clientIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<Object[]> rows = jdbc.rows("SELECT client_id, field_id, v_text, v_number, v_date, v_datetime, v_bool "
                + "FROM client_values WHERE client_id IN (" + ids + ")", 7);
        for (Object[] r : rows) {
            TypedValue value = new TypedValue((String) r[2], toDecimal(r[3]), toDate(r[4]), toInstant(r[5]), toBool(r[6]));
            result.computeIfAbsent(((Number) r[0]).longValue(), k -> new HashMap<>()).put(((Number) r[1]).longValue(), value);
        }
        return result;
    }

    public void put(long clientId, long fieldId, TypedValue v) {
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

    public void remove(long clientId, long fieldId) {
        em.createNativeQuery("DELETE FROM client_values WHERE client_id = ?1 AND field_id = ?2")
                .setParameter(1, clientId).setParameter(2, fieldId).executeUpdate();
    }

    static BigDecimal toDecimal(Object o) {
        return o == null ? null : o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
    }

    static LocalDate toDate(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof Date d ? d.toLocalDate() : o instanceof LocalDate l ? l : LocalDate.parse(o.toString());
    }

    static Instant toInstant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (o instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        return (Instant) o;
    }

    static Boolean toBool(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof Boolean b ? b : ((Number) o).intValue() != 0;
    }
}

package io.clientbase.access;

import io.clientbase.platform.Cursors;
import io.clientbase.platform.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/** The record of refused logins and requests, newest first, for ADMIN. */
@ApplicationScoped
public class SecurityEvents {

    private static final Logger LOG = Logger.getLogger(SecurityEvents.class);

    public enum Kind { LOGIN_FAILED, LOGIN_THROTTLED, LOGIN_BLOCKED, LOGIN_IP_NOT_ALLOWED, REQUEST_IP_NOT_ALLOWED, TOKEN_REVOKED }

    @Schema(name = "SecurityEvent")
    public record Event(
            @Schema(example = "12") long id,
            Instant occurredAt,
            Kind kind,
            @Schema(example = "7") Long userId,
            @Schema(example = "petrova", maxLength = 100) String login,
            @Schema(example = "203.0.113.9", maxLength = 64) String address,
            @Schema(example = "GET", maxLength = 10) String method,
            @Schema(example = "/api/v1/clients", maxLength = 500) String path,
            @Schema(example = "address outside the allowed ranges", maxLength = 500) String detail) {
    }

    @Inject
    EntityManager em;

    @Inject
    CurrentCaller caller;

    @Inject
    RightsEvaluator rights;

    /** Written in its own transaction: the refused request itself writes nothing. */
    public void record(Kind kind, Long userId, String login, String address, String method, String path, String detail) {
        LOG.infof("security event %s user=%s login=%s address=%s %s %s", kind, userId, login, address,
                method == null ? "" : method, path == null ? "" : path);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "INSERT INTO security_events (occurred_at, kind, user_id, login, address, method, path, detail) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, Timestamp.from(Instant.now()))
                .setParameter(2, kind.name())
                .setParameter(3, userId)
                .setParameter(4, truncate(login, 100))
                .setParameter(5, truncate(address, 64))
                .setParameter(6, truncate(method, 10))
                .setParameter(7, truncate(path, 500))
                .setParameter(8, truncate(detail, 500))
                .executeUpdate());
    }

    public Page<Event> list(Integer limit, String cursor) {
        rights.requireAdmin(caller.get());
        int size = Cursors.limit(limit);
        long before = cursor == null || cursor.isBlank() ? Long.MAX_VALUE : Cursors.decodeId(cursor);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, occurred_at, kind, user_id, login, address, method, path, detail "
                        + "FROM security_events WHERE id < ?1 ORDER BY id DESC LIMIT ?2")
                .setParameter(1, before).setParameter(2, size + 1).getResultList();
        boolean more = rows.size() > size;
        List<Event> events = rows.stream().limit(size).map(SecurityEvents::event).toList();
        return new Page<>(events, more ? Cursors.encode(Long.toString(events.get(size - 1).id())) : null);
    }

    private static Event event(Object[] r) {
        return new Event(((Number) r[0]).longValue(), instant(r[1]), Kind.valueOf((String) r[2]),
                r[3] == null ? null : ((Number) r[3]).longValue(), (String) r[4], (String) r[5], (String) r[6],
                (String) r[7], (String) r[8]);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return Timestamp.valueOf(l).toInstant();
        }
        return (Instant) value;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

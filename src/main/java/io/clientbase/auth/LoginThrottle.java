package io.clientbase.auth;

import io.clientbase.platform.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Throttles password guessing, per login and per address, with counters in the database so that
 * every instance sees the same count. Checked before any password hashing; a success clears the
 * login's counter.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    EntityManager em;

    @Inject
    LoginConfig config;

    public void check(String login, String address) {
        Instant now = Instant.now();
        long wait = Math.max(retryAfter(loginKey(login), config.maxFailuresPerLogin(), now), retryAfter(addressKey(address), config.maxFailuresPerAddress(), now));
        if (wait > 0) {
            throw ApiException.tooManyRequests("Too many failed logins: try again in " + wait + " seconds", wait);
        }
    }

    /** Counted in its own transaction: a failed login rolls nothing back. */
    public void recordFailure(String login, String address) {
        QuarkusTransaction.requiringNew().run(() -> {
            count(loginKey(login));
            count(addressKey(address));
        });
    }

    public void recordSuccess(String login) {
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("DELETE FROM login_throttle WHERE throttle_key = ?1")
                        .setParameter(1, loginKey(login)).executeUpdate());
    }

    private long retryAfter(String key, int max, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT failures, window_start FROM login_throttle WHERE throttle_key = ?1")
                .setParameter(1, key).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        int failures = ((Number) rows.get(0)[0]).intValue();
        Instant end = toInstant(rows.get(0)[1]).plus(config.window());
        return failures >= max && end.isAfter(now) ? Math.max(1, Duration.between(now, end).toSeconds()) : 0;
    }

    private void count(String key) {
        Instant now = Instant.now();
        Timestamp ts = Timestamp.from(now);
        Timestamp expired = Timestamp.from(now.minus(config.window()));
        em.createNativeQuery("INSERT INTO login_throttle (throttle_key, failures, window_start) VALUES (?1, 1, ?2) "
                        + "ON DUPLICATE KEY UPDATE failures = IF(window_start < ?3, 1, failures + 1), "
                        + "window_start = IF(window_start < ?3, ?2, window_start)")
                .setParameter(1, key).setParameter(2, ts).setParameter(3, expired).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return Timestamp.valueOf(l).toInstant();
        }
        return (Instant) value;
    }

    private static String loginKey(String login) {
        return "login:" + login.strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}

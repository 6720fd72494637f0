package io.clientbase.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency-Key for creates: the same key with the same body returns what was created the
 * first time; the same key with another body is refused (422). Kept in the database, so it holds
 * across instances; the primary key makes two concurrent first requests collide instead of both creating.
 */
@ApplicationScoped
public class IdempotencyKeys {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    public Optional<Long> replay(long callerId, String key, Object request) {
        requireSane(key);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT request_hash, resource_id FROM idempotency_keys WHERE caller_id = ?1 AND idem_key = ?2")
                .setParameter(1, callerId).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!rows.get(0)[0].equals(hash(request))) {
            throw ApiException.invalid("Idempotency-Key", "was already used with a different request body");
        }
        return Optional.of(((Number) rows.get(0)[1]).longValue());
    }

    public void remember(long callerId, String key, Object request, long resourceId) {
        em.createNativeQuery("INSERT INTO idempotency_keys (caller_id, idem_key, request_hash, resource_id) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, callerId).setParameter(2, key).setParameter(3, hash(request)).setParameter(4, resourceId)
                .executeUpdate();
    }

    private static void requireSane(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw ApiException.invalid("Idempotency-Key", "must be 1 to 200 characters");
        }
    }

    /** The request without any password: nothing derived from a password is kept beside the key. */
    private String hash(Object request) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = mapper.valueToTree(request);
            tree.remove("password");
            byte[] canonical = mapper.writeValueAsBytes(tree);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

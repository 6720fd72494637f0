package io.clientbase.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import io.clientbase.platform.problem.ProblemKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Idempotency-Key on every POST, stated once: the first request with a key does the work and its
 * answer (status, Location, ETag, body) is stored in the same transaction; a later one with the
 * same key and the same request gets that answer again (a 201 as 200: this request created
 * nothing), marked {@code Idempotent-Replayed: true},
 * without the work being done twice; the same key with another request is a 422
 * {@code idempotency-key-reused}. Two requests with one key at once: the second waits on the
 * first one's row lock, then replays it. Only a 2xx is kept: a refused request changes nothing and
 * may be sent again, corrected, with its key. Keys are per caller and kept 24 hours, in the
 * database, so every instance honours them.
 */
@ApplicationScoped
public class IdempotentPosts {

    static final String CLEAN_UP = "idempotency-clean-up";

    @Inject
    JobLeases leases;


    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY = 200;
    private static final String KEPT = "INTERVAL 24 HOUR";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** An answer as stored. */
    record Stored(String hash, Integer status, String location, String etag, String body) {
    }

    /**
     * Runs {@code create} once per caller and key, in one transaction with the stored answer; without a
     * key it simply runs it. {@code operation} names the endpoint (a key is bound to one), {@code request}
     * is what the caller sent, compared as JSON (a password in it is left out of the stored hash).
     */
    public Response once(long callerId, String key, String operation, Object request, Supplier<Response> create) {
        if (key == null) {
            return create.get();
        }
        requireSane(key);
        String hash = hash(operation, request);
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Stored> earlier = claim(callerId, key, hash);
            if (earlier.isPresent()) {
                return replay(earlier.get(), hash);
            }
            Response answer = create.get();
            if (answer.getStatus() / 100 == 2) {
                store(callerId, key, answer, hash);
            }
            return answer;
        });
    }

    /**
     * The same for a request that commits in many transactions and whose body is read as it comes
     * (a bulk import): the key is taken first, in a transaction of its own; the body's digest is
     * taken while it is read; the answer is stored when it is complete. A second request while the
     * first runs is a 409; one after it reads its own body to compare, then replays or is refused.
     * A run cut by a crash keeps its key for 24 hours (a 409 until then): send a new key.
     */
    public Response onceStreaming(long callerId, String key, String operation, java.io.InputStream body,
                                  java.util.function.Function<java.io.InputStream, Response> run) {
        if (key == null) {
            return run.apply(body);
        }
        requireSane(key);
        MessageDigest digest = sha256();
        digest.update(operation.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        java.security.DigestInputStream reading = new java.security.DigestInputStream(body, digest);
        Optional<Stored> earlier = QuarkusTransaction.requiringNew().call(() -> claim(callerId, key, null));
        if (earlier.isPresent()) {
            if (earlier.get().status() == null) {
                throw ApiException.conflict("A request with this Idempotency-Key is still being processed; retry in a moment");
            }
            try {
                reading.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return replay(earlier.get(), HexFormat.of().formatHex(digest.digest()));
        }
        Response answer;
        try {
            answer = run.apply(reading);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> forget(callerId, key));
            throw e;
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        QuarkusTransaction.requiringNew().run(() -> {
            if (answer.getStatus() / 100 == 2) {
                store(callerId, key, answer, hash);
            } else {
                forget(callerId, key);
            }
        });
        return answer;
    }

    private void forget(long callerId, String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM idempotent_posts WHERE caller_id = ? AND idem_key = ?")) {
            st.setLong(1, callerId);
            st.setString(2, key);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key release failed", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What identifies a request under a key: the operation and the request as JSON (an upload: its parts, the file by its digest). */
    public String hash(String operation, Object request) {
        try {
            Object tree = mapper.valueToTree(request);
            if (tree instanceof ObjectNode node) {
                node.remove("password");
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(mapper.writeValueAsBytes(tree));
            return HexFormat.of().formatHex(digest.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the key for this request, or the answer stored under it (waiting for a request holding
     * it). No DELETE before the INSERT: its gap lock on an absent key, taken by several requests at
     * once, deadlocked their INSERTs (measured in CI: 503 for one of six concurrent requests). An
     * expired row is taken over in place instead.
     */
    private Optional<Stored> claim(long callerId, String key, String hash) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO idempotent_posts (caller_id, idem_key, request_hash, created_at)"
                    + " VALUES (?, ?, ?, UTC_TIMESTAMP(6))")) {
                st.setLong(1, callerId);
                st.setString(2, key);
                st.setString(3, hash);
                st.executeUpdate();
                return Optional.empty();
            } catch (SQLException e) {
                if (e.getErrorCode() != 1062) { // duplicate key: an earlier request has it
                    throw e;
                }
            }
            Stored earlier;
            boolean expired;
            try (PreparedStatement st = c.prepareStatement("SELECT request_hash, status, location, etag, body,"
                    + " created_at < UTC_TIMESTAMP(6) - " + KEPT + " FROM idempotent_posts WHERE caller_id = ? AND idem_key = ?")) {
                st.setLong(1, callerId);
                st.setString(2, key);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    earlier = new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    expired = rs.getBoolean(6);
                }
            }
            if (!expired) {
                return Optional.of(earlier);
            }
            // rare: a key older than its 24 hours, not yet swept, is taken over in place
            try (PreparedStatement st = c.prepareStatement("UPDATE idempotent_posts SET request_hash = ?, status = NULL, location = NULL,"
                    + " etag = NULL, body = NULL, created_at = UTC_TIMESTAMP(6) WHERE caller_id = ? AND idem_key = ?")) {
                st.setString(1, hash);
                st.setLong(2, callerId);
                st.setString(3, key);
                st.executeUpdate();
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key lookup failed", e);
        }
    }

    private static Response replay(Stored earlier, String hash) {
        if (!hash.equals(earlier.hash())) {
            throw reused();
        }
        if (earlier.status() == null) {
            throw ApiException.conflict("A request with this Idempotency-Key is still being processed; retry in a moment");
        }
        // the record was made by the first request, not by this one: 200, as POST /users answered before the rule was general
        int status = earlier.status() == 201 ? 200 : earlier.status();
        Response.ResponseBuilder answer = Response.status(status).header(REPLAYED, "true");
        if (earlier.location() != null) {
            answer.header("Location", earlier.location());
        }
        if (earlier.etag() != null) {
            answer.tag(new EntityTag(earlier.etag()));
        }
        if (earlier.body() != null) {
            answer.entity(earlier.body()).type(MediaType.APPLICATION_JSON);
        }
        return answer.build();
    }

    static ApiException reused() {
        return new ApiException(ProblemKind.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key: was already used with a different request",
                List.of(new Problem.FieldError(HEADER, "was already used with a different request; send a new key")), Map.of());
    }

    private void store(long callerId, String key, Response answer, String hash) {
        String body;
        try {
            body = answer.getEntity() == null ? null : mapper.writeValueAsString(answer.getEntity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Object location = answer.getHeaders().getFirst("Location");
        EntityTag tag = answer.getEntityTag();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE idempotent_posts SET request_hash = ?, status = ?, location = ?, etag = ?, body = ? WHERE caller_id = ? AND idem_key = ?")) {
            st.setString(1, hash);
            st.setInt(2, answer.getStatus());
            st.setString(3, location == null ? null : location.toString());
            st.setString(4, tag == null ? null : tag.getValue());
            st.setString(5, body);
            st.setLong(6, callerId);
            st.setString(7, key);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency answer write failed", e);
        }
    }

    private static void requireSane(String key) {
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw ApiException.invalid(HEADER, "must be 1 to " + MAX_KEY + " characters");
        }
    }

    @Scheduled(every = "1h", delay = 2, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOld() {
        if (!leases.hold(CLEAN_UP)) {
            return; // another instance of the cluster cleans up
        }
        try {
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                    "DELETE FROM idempotent_posts WHERE created_at < UTC_TIMESTAMP(6) - " + KEPT + " LIMIT 10000")) {
                st.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("idempotency key expiry failed", e);
            }
        } finally {
            leases.release(CLEAN_UP);
        }
    }
}

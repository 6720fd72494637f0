package io.clientbase.platform;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller, kept in this instance's memory: each instance of a cluster limits on
 * its own, so behind a load balancer that spreads a caller over N instances the caller's
 * effective limit is up to N times the configured one. A caller is its credential (the
 * Authorization header, a token or an API token) or, without one, its client address. Decided
 * before any database work, so a flood costs a hash lookup per request.
 */
@ApplicationScoped
public class RateLimiter {

    /** Beyond this many callers, idle full buckets are dropped at once rather than every minute. */
    private static final int MAX_CALLERS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    RateLimitConfig config;

    /** What the limiter decided, with the values of the RateLimit-* and Retry-After headers. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    public boolean enabled() {
        return config.enabled();
    }

    public Decision take(String authorization, String address) {
        if (buckets.size() > MAX_CALLERS) {
            dropIdle();
        }
        String key = authorization == null || authorization.isBlank() ? "address:" + address : "credential:" + digest(authorization);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(config.burst(), System.nanoTime()));
        return bucket.take(config.perSecond(), config.burst(), System.nanoTime());
    }

    /** A bucket that has filled up again holds nothing worth keeping. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropIdle() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.isFull(config.perSecond(), config.burst(), now));
    }

    private static String digest(String credential) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updatedAt = now;
        }

        synchronized Decision take(int perSecond, int burst, long now) {
            refill(perSecond, burst, now);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long reset = (long) Math.ceil((burst - tokens) / perSecond);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
            return new Decision(allowed, burst, (int) Math.floor(tokens), reset, retryAfter);
        }

        synchronized boolean isFull(int perSecond, int burst, long now) {
            refill(perSecond, burst, now);
            return tokens >= burst;
        }

        private void refill(int perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * perSecond);
            updatedAt = now;
        }
    }
}

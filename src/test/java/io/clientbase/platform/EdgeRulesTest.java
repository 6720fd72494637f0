package io.clientbase.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The HTTP edge's rules, without a server. */
@Tag("unit")
class EdgeRulesTest {

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsAListOrAStar() {
        assertTrue(ConditionalReads.matches("\"3\"", "3"));
        assertTrue(ConditionalReads.matches("W/\"3\"", "3"));
        assertTrue(ConditionalReads.matches("\"1\", \"3\"", "3"));
        assertTrue(ConditionalReads.matches("*", "3"));
        assertFalse(ConditionalReads.matches("\"4\"", "3"));
        assertFalse(ConditionalReads.matches("\"33\"", "3"));
    }

    @Test
    void aBucketGivesItsBurstThenOneRequestPerTickOfItsRate() {
        long start = 0;
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(3, start);
        assertEquals(2, bucket.take(1, 3, start).remaining());
        assertEquals(1, bucket.take(1, 3, start).remaining());
        assertEquals(0, bucket.take(1, 3, start).remaining());
        RateLimiter.Decision refused = bucket.take(1, 3, start);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(3, refused.resetSeconds());
        assertTrue(bucket.take(1, 3, start + 1_000_000_000L).allowed());
        assertFalse(bucket.take(1, 3, start + 1_000_000_000L).allowed());
        assertTrue(bucket.isFull(1, 3, start + 10_000_000_000L));
    }

    @Test
    void parameterBoundsAreLookedUpByNameAndHeadersWithoutCase() {
        assertEquals(200, RequestParameters.maxLength("q"));
        assertEquals(64, RequestParameters.maxLength("if-match"));
        assertNull(RequestParameters.maxLength("Q"));
        assertNull(RequestParameters.maxLength("name"));
        assertTrue(RequestParameters.isId("ownerId"));
        assertTrue(RequestParameters.isId("id"));
        assertFalse(RequestParameters.isId("idempotency"));
        assertTrue(RequestParameters.isNotPositive("0"));
        assertTrue(RequestParameters.isNotPositive("-12"));
        assertFalse(RequestParameters.isNotPositive("1"));
        assertFalse(RequestParameters.isNotPositive("abc"));
    }
}

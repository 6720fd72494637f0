package io.clientbase.clients;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Numbers a plan is chosen by (a scope's size, a trigram's postings, a range's estimate), each read
 * again once it is a minute old. They only choose between plans that return the same page, so an
 * old one costs time, never a wrong answer. At most {@code capacity} are kept: past it all are
 * dropped at once, as their keys may come from callers' queries (a range's bounds, a searched text).
 * Two callers missing one at once both read it; the last read stays.
 */
final class PlanEstimates<K> {

    static final long TTL_MILLIS = 60_000;

    private final Map<K, long[]> values = new ConcurrentHashMap<>();
    private final int capacity;
    private final LongSupplier clock;

    PlanEstimates(int capacity) {
        this(capacity, System::currentTimeMillis);
    }

    PlanEstimates(int capacity, LongSupplier clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Whether a value younger than a minute is kept for {@code key}: a caller may then read the missing ones together. */
    boolean has(K key) {
        long[] kept = values.get(key);
        return kept != null && clock.getAsLong() - kept[1] < TTL_MILLIS;
    }

    /** The value kept for {@code key} if younger than a minute, else {@code read}'s, kept from now. */
    long get(K key, LongSupplier read) {
        long now = clock.getAsLong();
        long[] kept = values.get(key);
        if (kept != null && now - kept[1] < TTL_MILLIS) {
            return kept[0];
        }
        long value = read.getAsLong();
        if (kept == null && values.size() >= capacity) {
            values.clear();
        }
        values.put(key, new long[] {value, now});
        return value;
    }
}

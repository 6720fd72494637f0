package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlanEstimatesTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicLong reads = new AtomicLong();

    private long read(long value) {
        reads.incrementAndGet();
        return value;
    }

    @Test
    void anEstimateIsReadOnceAMinute() {
        PlanEstimates<String> estimates = new PlanEstimates<>(10, clock::get);
        assertEquals(7, estimates.get("head 2", () -> read(7)));
        clock.addAndGet(PlanEstimates.TTL_MILLIS - 1);
        assertEquals(7, estimates.get("head 2", () -> read(8)), "younger than a minute: the kept value");
        assertEquals(1, reads.get());
        clock.addAndGet(1);
        assertEquals(8, estimates.get("head 2", () -> read(8)), "a minute old: read again");
        assertEquals(2, reads.get());
    }

    @Test
    void anEstimateIsKeptForAMinuteSoThatACallerReadsOnlyTheMissingOnes() {
        PlanEstimates<String> estimates = new PlanEstimates<>(10, clock::get);
        assertEquals(false, estimates.has("not"));
        estimates.get("not", () -> read(40));
        assertEquals(true, estimates.has("not"));
        clock.addAndGet(PlanEstimates.TTL_MILLIS);
        assertEquals(false, estimates.has("not"), "a minute old: missing again");
    }

    @Test
    void eachKeyHasItsOwnEstimate() {
        PlanEstimates<ClientSql.Statement> estimates = new PlanEstimates<>(10, clock::get);
        assertEquals(5, estimates.get(new ClientSql.Statement("EXPLAIN x", java.util.List.of(1L, 100L)), () -> read(5)));
        assertEquals(9, estimates.get(new ClientSql.Statement("EXPLAIN x", java.util.List.of(1L, 200L)), () -> read(9)));
        assertEquals(5, estimates.get(new ClientSql.Statement("EXPLAIN x", java.util.List.of(1L, 100L)), () -> read(6)),
                "an equal statement with equal parameters is the same key");
        assertEquals(2, reads.get());
    }

    @Test
    void pastItsCapacityEveryEstimateIsDroppedSoCallersKeysCannotGrowItWithoutBound() {
        PlanEstimates<Integer> estimates = new PlanEstimates<>(3, clock::get);
        for (int key = 0; key < 3; key++) {
            estimates.get(key, () -> read(1));
        }
        estimates.get(3, () -> read(1)); // the fourth key: the three go
        estimates.get(0, () -> read(2));
        assertEquals(5, reads.get(), "key 0 was read again after the capacity was reached");
        estimates.get(3, () -> read(3));
        assertEquals(5, reads.get(), "key 3, kept after the drop, was not");
    }
}

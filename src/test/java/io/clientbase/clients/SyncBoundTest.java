package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SyncBoundTest {

    private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");
    private static final long MS = 1_000_000;

    private final AtomicLong nanos = new AtomicLong(1_000 * MS);
    private final AtomicReference<Optional<Instant>> database = new AtomicReference<>(Optional.of(T));
    private final AtomicReference<Instant> fallback = new AtomicReference<>(T.minusSeconds(60));
    private final List<String> served = new ArrayList<>();
    private int asked;

    private final SyncBound bound = new SyncBound(() -> {
        asked++;
        return database.get();
    }, fallback::get, nanos::get, served::add);

    @Test
    void theDatabaseIsAskedAtMostOnceEvery120MillisecondsSoThatItsListOfTransactionsIsRefilled() {
        assertEquals(T, bound.current());
        database.set(Optional.of(T.plusSeconds(1)));
        nanos.addAndGet(119 * MS);
        assertEquals(T, bound.current(), "the bound asked 119 ms ago");
        nanos.addAndGet(MS);
        assertEquals(T.plusSeconds(1), bound.current());
        assertEquals(2, asked);
    }

    @Test
    void anAnswerTheDatabaseCannotVouchForGivesTheFallbackWindowBeforeNow() {
        database.set(Optional.empty());
        assertEquals(T.minusSeconds(60), bound.current());
        assertEquals(List.of("fallback"), served);
    }

    @Test
    void theBoundNeverMovesBackWhenTheDatabaseStopsVouchingForItsList() {
        assertEquals(T, bound.current());
        database.set(Optional.empty());
        nanos.addAndGet(200 * MS);
        assertEquals(T, bound.current(), "the fallback window before now is older than a bound already given");
        fallback.set(T.plusSeconds(5));
        nanos.addAndGet(200 * MS);
        assertEquals(T.plusSeconds(5), bound.current());
        assertEquals(List.of("running", "fallback", "fallback"), served);
    }

    @Test
    void aFailedQueryIsAskedAgainByTheNextRequestAndKeepsTheLastBound() {
        assertEquals(T, bound.current());
        SyncBound failing = new SyncBound(() -> {
            throw new IllegalStateException("database down");
        }, fallback::get, nanos::get, served::add);
        assertThrows(IllegalStateException.class, failing::current);
        assertThrows(IllegalStateException.class, failing::current, "no bound is invented from a failure");
    }
}

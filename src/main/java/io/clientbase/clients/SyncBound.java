package io.clientbase.clients;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where a sync page ({@code updatedSince}, tombstones) stops: an instant before which every change is
 * committed or will never be, so that an app keeping the newest updatedAt it saw misses nothing.
 * <p>
 * One bound is shared by every request and asked of the database at most every
 * {@link #REFRESH}: InnoDB refills its list of running transactions only when nobody read it in
 * the last 100 ms, and one query per sync page kept it from ever being refilled while an app
 * synced (the CI run that found it: a reader polling beside two importers missed a whole batch
 * of 1,000 clients committed after the bound had passed its timestamp). A bound stays true once
 * it was (later commits carry later timestamps), so a request in between takes the last one.
 * When the database's answer cannot be trusted ({@link ClientStore#runningTransactionsBound}),
 * the bound is the fallback window before now ({@code clientbase_sync_bounds_total{source}} tells
 * which served), and it never moves back.
 */
@Singleton
public class SyncBound {

    /** Longer than InnoDB's 100 ms, so that this application's own reads never keep the list from being refilled. */
    static final Duration REFRESH = Duration.ofMillis(120);

    private final Supplier<Optional<Instant>> running;
    private final Supplier<Instant> fallback;
    private final LongSupplier nanoTime;
    private final Consumer<String> served;
    private Instant bound;
    private long askedAt;

    @Inject
    SyncBound(ClientStore store, SyncConfig sync, MeterRegistry metrics) {
        this(store::runningTransactionsBound, () -> store.databaseNow().minus(sync.fallbackWindow()), System::nanoTime,
                source -> metrics.counter("clientbase.sync.bounds", "source", source).increment());
    }

    SyncBound(Supplier<Optional<Instant>> running, Supplier<Instant> fallback, LongSupplier nanoTime, Consumer<String> served) {
        this.running = running;
        this.fallback = fallback;
        this.nanoTime = nanoTime;
        this.served = served;
    }

    /** The bound now: the one asked less than {@link #REFRESH} ago, or a new one. */
    public synchronized Instant current() {
        long now = nanoTime.getAsLong();
        if (bound != null && now - askedAt < REFRESH.toNanos()) {
            return bound;
        }
        Optional<Instant> fromDatabase = running.get();
        Instant next = fromDatabase.orElseGet(fallback);
        served.accept(fromDatabase.isPresent() ? "running" : "fallback");
        askedAt = nanoTime.getAsLong(); // InnoDB counts its 100 ms from the end of a read
        bound = bound == null || next.isAfter(bound) ? next : bound;
        return bound;
    }
}

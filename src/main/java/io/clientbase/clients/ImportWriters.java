package io.clientbase.clients;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Writes an import's batches on two connections at once, each batch in its own transaction, with
 * the clients' ids still given in the order of the input: each batch takes its turn, after the
 * batch before it, for the one statement that assigns them. One writer kept MariaDB on one core
 * (100k clients into a base of 1M: 21-23 s, the database at ~100% CPU, the application at ~20%).
 * At most two batches are in flight, so memory stays flat. The threads are the application's
 * managed executor's ({@link ClientBulk}); nothing here starts one.
 */
final class ImportWriters implements AutoCloseable {

    static final int WRITERS = 2;

    private final ClientStore store;
    private final Executor executor;
    private final Deque<CompletableFuture<Integer>> inFlight = new ArrayDeque<>();
    /** Completed when the batch submitted last has had its ids assigned (or failed before). */
    private CompletableFuture<Void> lastTurn = CompletableFuture.completedFuture(null);
    private long written;

    ImportWriters(ClientStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** Queues a validated batch; waits while two are being written. Rethrows the failure of an earlier batch. */
    void submit(List<? extends ClientStore.NewClient> batch) {
        while (inFlight.size() >= WRITERS) {
            written += join(inFlight.removeFirst());
        }
        CompletableFuture<Void> before = lastTurn;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        lastTurn = mine;
        inFlight.add(CompletableFuture.supplyAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> store.insertAll(batch, before::join, () -> mine.complete(null)));
            } finally {
                // a batch that failed before its turn still hands it on, in order
                before.whenComplete((ignored, e) -> mine.complete(null));
            }
            return batch.size();
        }, executor));
    }

    /** Waits for every batch; the number of clients written. */
    long finish() {
        while (!inFlight.isEmpty()) {
            written += join(inFlight.removeFirst());
        }
        return written;
    }

    /** Lets batches already handed over finish (each commits or rolls back whole). */
    @Override
    public void close() {
        drain();
    }

    private int join(CompletableFuture<Integer> batch) {
        try {
            return batch.join();
        } catch (CompletionException e) {
            drain();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** After a failure, lets the batches already written finish (each commits or rolls back whole). */
    private void drain() {
        while (!inFlight.isEmpty()) {
            try {
                inFlight.removeFirst().join();
            } catch (CompletionException ignored) {
                // the first failure is the one reported
            }
        }
    }
}

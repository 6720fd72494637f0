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
final class ImportWriters<B, R> implements AutoCloseable {

    static final int WRITERS = 2;
    /** Attempts of a batch that met a concurrent create of one of its external ids (each a new transaction). */
    static final int ATTEMPTS = 3;

    /** Writes one batch in the caller's transaction, running {@code beforeIds} and {@code afterIds} around the id-giving statement. */
    interface BatchWriter<B, R> {
        R write(List<B> batch, Runnable beforeIds, Runnable afterIds);
    }

    private final BatchWriter<B, R> writer;
    private final Executor executor;
    private final java.util.function.Consumer<R> outcomes;
    private final Deque<CompletableFuture<R>> inFlight = new ArrayDeque<>();
    /** Completed when the batch submitted last has had its ids assigned (or failed before). */
    private CompletableFuture<Void> lastTurn = CompletableFuture.completedFuture(null);

    /** {@code outcomes} receives each batch's outcome, on the submitting thread, in the order of the batches. */
    ImportWriters(BatchWriter<B, R> writer, Executor executor, java.util.function.Consumer<R> outcomes) {
        this.writer = writer;
        this.executor = executor;
        this.outcomes = outcomes;
    }

    /** Queues a validated batch; waits while two are being written. Rethrows the failure of an earlier batch. */
    void submit(List<B> batch) {
        while (inFlight.size() >= WRITERS) {
            outcomes.accept(join(inFlight.removeFirst()));
        }
        CompletableFuture<Void> before = lastTurn;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        lastTurn = mine;
        inFlight.add(CompletableFuture.supplyAsync(() -> {
            try {
                return QuarkusTransaction.requiringNew().call(() -> writer.write(batch, before::join, () -> mine.complete(null)));
            } catch (ClientStore.ExternalIdTaken e) {
                // another batch (or request) created one of these external ids after this one looked them up:
                // a new transaction sees it and takes the row as its update; its ids come after the turn
                return again(batch, before);
            } finally {
                // a batch that failed before its turn still hands it on, in order
                before.whenComplete((ignored, e) -> mine.complete(null));
            }
        }, executor));
    }

    private R again(List<B> batch, CompletableFuture<Void> before) {
        before.join();
        for (int attempt = 2; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> writer.write(batch, () -> { }, () -> { }));
            } catch (ClientStore.ExternalIdTaken e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Waits for every batch, handing on their outcomes. */
    void finish() {
        while (!inFlight.isEmpty()) {
            outcomes.accept(join(inFlight.removeFirst()));
        }
    }

    /** Lets batches already handed over finish (each commits or rolls back whole). */
    @Override
    public void close() {
        drain();
    }

    private R join(CompletableFuture<R> batch) {
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

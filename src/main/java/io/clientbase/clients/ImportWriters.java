package io.clientbase.clients;

import io.clientbase.platform.ConflictRetries;
import io.clientbase.platform.problem.DatabaseFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(ImportWriters.class);
    /** Attempts of a batch that met a concurrent create of one of its external ids (each a new transaction). */
    static final int ATTEMPTS = 3;

    /** Writes one batch in the caller's transaction, running {@code beforeIds} and {@code afterIds} around the id-giving statement. */
    interface BatchWriter<B, R> {
        R write(List<B> batch, Runnable beforeIds, Runnable afterIds);
    }

    private final BatchWriter<B, R> writer;
    private final Executor executor;
    private final java.util.function.Consumer<R> outcomes;
    private final java.util.function.Consumer<String> retried;
    private final Deque<CompletableFuture<R>> inFlight = new ArrayDeque<>();
    /** Completed when the batch submitted last has had its ids assigned (or failed before). */
    private CompletableFuture<Void> lastTurn = CompletableFuture.completedFuture(null);

    /**
     * {@code outcomes} receives each batch's outcome, on the submitting thread, in the order of the
     * batches; {@code retried} the reason each time a batch lost to a concurrent transaction is written again.
     */
    ImportWriters(BatchWriter<B, R> writer, Executor executor, java.util.function.Consumer<R> outcomes,
            java.util.function.Consumer<String> retried) {
        this.writer = writer;
        this.executor = executor;
        this.outcomes = outcomes;
        this.retried = retried;
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
            } catch (RuntimeException e) {
                return again(batch, before, e);
            } finally {
                // a batch that failed before its turn still hands it on, in order
                before.whenComplete((ignored, e) -> mine.complete(null));
            }
        }, executor));
    }

    /**
     * A batch whose transaction was rolled back whole and may pass on another try, each a new
     * transaction; its ids come after the turn. It met a concurrent create of one of its external
     * ids (a new transaction sees that client and takes the row as its update), or it lost to a
     * concurrent transaction: a deadlock with another import or request changing the same clients
     * in another order, or a lost Galera certification (measured: two upsert imports of the same
     * 300 clients in opposite orders, one of them answered 503 before this).
     */
    private R again(List<B> batch, CompletableFuture<Void> before, RuntimeException failure) {
        for (int attempt = 2; ; attempt++) {
            boolean idTaken = failure instanceof ClientStore.ExternalIdTaken;
            String reason = idTaken ? "external id" : DatabaseFailures.worthAnotherAttempt(failure);
            if (reason == null || attempt > (idTaken ? ATTEMPTS : ConflictRetries.ATTEMPTS)) {
                throw failure;
            }
            before.join();
            LOG.debugf("an import batch failed (%s, attempt %d); written again", reason, attempt - 1);
            if (!idTaken) {
                retried.accept(reason);
                pause(attempt - 1, failure);
            }
            try {
                return QuarkusTransaction.requiringNew().call(() -> writer.write(batch, () -> { }, () -> { }));
            } catch (RuntimeException e) {
                failure = e;
            }
        }
    }

    private static void pause(int attempt, RuntimeException failure) {
        try {
            ConflictRetries.pauseAfter(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
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

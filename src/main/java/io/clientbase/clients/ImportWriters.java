package io.clientbase.clients;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an import's batches on two connections at once, each batch in its own transaction, with
 * the clients' ids still given in the order of the input (each batch waits for its turn for the one
 * statement that assigns them). One writer kept MariaDB on one core (100k clients into a base of
 * 1M: 21-23 s, the database at ~100% CPU, the application at ~20%). At most two batches are in
 * flight, so memory stays flat.
 */
final class ImportWriters implements AutoCloseable {

    private static final int WRITERS = 2;

    private final ClientStore values;
    private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS, r -> {
        Thread t = new Thread(r, "client-import");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Future<Integer>> inFlight = new ArrayDeque<>();
    private final Object turns = new Object();
    private long nextTurn;
    private long issued;
    private long written;

    ImportWriters(ClientStore values) {
        this.values = values;
    }

    /** Queues a validated batch; waits while two are being written. Rethrows the failure of an earlier batch. */
    void submit(List<? extends ClientStore.NewClient> batch, Instant now) {
        while (inFlight.size() >= WRITERS) {
            written += join(inFlight.removeFirst());
        }
        long turn = issued++;
        inFlight.add(pool.submit(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> values.insertAll(batch, now, () -> awaitTurn(turn), () -> pass(turn)));
            } finally {
                awaitTurn(turn); // a batch that failed before its turn still hands it on, in order
                pass(turn);
            }
            return batch.size();
        }));
    }

    /** Waits for every batch; the number of clients written. */
    long finish() {
        while (!inFlight.isEmpty()) {
            written += join(inFlight.removeFirst());
        }
        return written;
    }

    /** Lets batches already handed over finish (each commits or rolls back whole), then stops the writers. */
    @Override
    public void close() {
        drain();
        pool.shutdown();
    }

    private int join(Future<Integer> batch) {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            drain();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        }
    }

    /** After a failure, lets the batches already written finish (each commits or rolls back whole). */
    private void drain() {
        while (!inFlight.isEmpty()) {
            try {
                inFlight.removeFirst().get();
            } catch (ExecutionException ignored) {
                // the first failure is the one reported
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitTurn(long turn) {
        synchronized (turns) {
            while (nextTurn < turn) {
                try {
                    turns.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("import interrupted", e);
                }
            }
        }
    }

    private void pass(long turn) {
        synchronized (turns) {
            if (nextTurn == turn) {
                nextTurn = turn + 1;
                turns.notifyAll();
            }
        }
    }
}

package io.clientbase.platform;

import io.clientbase.platform.problem.DatabaseFailures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs a {@link RetryOnConflict} service call again, up to {@link #ATTEMPTS} times in all, when its
 * transaction was chosen as a deadlock's victim or lost a Galera certification, or when the server
 * failed to load a table's triggers for it ({@link DatabaseFailures#triggersFailedToLoad}). It sits outside the
 * transaction interceptor (a lower priority runs first), so each attempt is a whole new
 * transaction; a call made inside a caller's transaction is not repeated here (that transaction is
 * lost as a whole, and its own boundary decides).
 */
@RetryOnConflict
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ConflictRetries {

    /**
     * Four were not enough in CI: four writers on one client through two Galera nodes lost a fourth
     * time once in 160 PATCHes (a 503); the waits between attempts grow to at most 250 ms.
     */
    public static final int ATTEMPTS = 8;
    private static final Logger LOG = Logger.getLogger(ConflictRetries.class);

    @Inject
    TransactionManager transactions;

    @Inject
    MeterRegistry metrics;

    @AroundInvoke
    Object retried(InvocationContext call) throws Exception {
        if (insideTransaction()) {
            return call.proceed();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return call.proceed();
            } catch (Exception e) {
                String reason = DatabaseFailures.worthAnotherAttempt(e);
                if (attempt >= ATTEMPTS || reason == null) {
                    throw e;
                }
                counted(metrics, reason);
                LOG.debugf("%s.%s failed (%s, attempt %d); run again", call.getMethod().getDeclaringClass()
                        .getSimpleName(), call.getMethod().getName(), reason, attempt);
                pauseAfter(attempt);
            }
        }
    }

    /** Counts a transaction run again, by why ({@code clientbase_transactions_retried_total{reason}}): requests and import batches alike. */
    public static void counted(MeterRegistry metrics, String reason) {
        metrics.counter("clientbase.transactions.retried", "reason", reason).increment();
    }

    /** A random wait after a failed attempt, growing with the attempts to at most 250 ms, so that crossed transactions part. */
    public static void pauseAfter(int attempt) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(250L, 10L << attempt)));
    }

    private boolean insideTransaction() throws SystemException {
        return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
    }
}

package io.clientbase.platform.problem;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a failure of the database means for the request, read from the whole exception graph:
 * causes and suppressed exceptions alike. Narayana reports a failed commit as a
 * {@code RollbackException} that carries the resource's {@code XAException} (and through it the
 * driver's {@code SQLException}) as a <em>suppressed</em> exception, not as its cause: a walk of
 * causes alone answered 500 for a commit that a Galera node refused while the cluster re-formed
 * after a node was killed (ClusterIT in CI, 1 request in 578).
 */
public final class DatabaseFailures {

    /** ER_ERROR_DURING_COMMIT: the commit was refused and rolled back (Galera outside its primary component). */
    static final int COMMIT_REFUSED = 1180;
    /** ER_LOCK_DEADLOCK: this transaction was a deadlock's victim or lost a Galera certification. */
    static final int DEADLOCK = 1213;
    /** ER_LOCK_WAIT_TIMEOUT: one statement waited too long for a lock and was rolled back. */
    static final int LOCK_WAIT_TIMEOUT = 1205;
    /** ER_PARSE_ERROR: also how the server reports a stored trigger it failed to parse when it opened the table. */
    static final int PARSE_ERROR = 1064;

    private DatabaseFailures() {
    }

    /** The connection pool had nothing free in time (Agroal's "acquisition timeout"): a busy server, not a bug. */
    public static boolean noConnectionFreeInTime(Throwable e) {
        return anyInGraph(e, t -> t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout"));
    }

    /**
     * The transaction was rolled back in favour of another one (deadlock victim, lost
     * certification): nothing of it stays, and running it again is safe.
     */
    public static boolean lostToAConcurrentTransaction(Throwable e) {
        return anyInGraph(e, t -> t instanceof SQLException sql
                && (sql.getErrorCode() == DEADLOCK || "40001".equals(sql.getSQLState())));
    }

    /**
     * The server could not load a table's triggers for this statement ("Unknown trigger has an error
     * in its body: 'Query was empty'", 1064): the triggers on disk are sound, the statement did not
     * run. Seen on a Galera node under concurrent writes to one client from two nodes (CI, MariaDB
     * 10.11): some requests failed so for ~15 s while others on the same table passed, so the
     * statement is run again and, when it keeps failing, answered 503, never 500.
     */
    public static boolean triggersFailedToLoad(Throwable e) {
        return anyInGraph(e, t -> t instanceof SQLException sql && sql.getErrorCode() == PARSE_ERROR
                && sql.getMessage() != null && sql.getMessage().contains("has an error in its body"));
    }

    /**
     * Why a transaction that failed so is worth running again as a whole: "conflict" when it was
     * rolled back in favour of another one, "triggers" when the server could not load a table's
     * triggers for it; null when another attempt would fail the same way.
     */
    public static String worthAnotherAttempt(Throwable e) {
        return lostToAConcurrentTransaction(e) ? "conflict" : triggersFailedToLoad(e) ? "triggers" : null;
    }

    /** A conflict with another request (any transaction rollback, SQLSTATE class 40, or a lock wait): retry later. */
    public static boolean conflictsWithAnotherRequest(Throwable e) {
        return anyInGraph(e, t -> t instanceof SQLException sql
                && ((sql.getSQLState() != null && sql.getSQLState().startsWith("40"))
                        || sql.getErrorCode() == LOCK_WAIT_TIMEOUT || sql.getErrorCode() == DEADLOCK));
    }

    /**
     * The database cannot serve the request at the moment: a lost or refused connection (SQLSTATE
     * class 08), or a commit it refused because it cannot replicate it (a Galera node outside its
     * primary component, 1180). The transaction is gone; the same request may pass once the
     * database or the cluster is back.
     */
    public static boolean databaseUnavailable(Throwable e) {
        return anyInGraph(e, t -> t instanceof java.sql.SQLNonTransientConnectionException
                || t instanceof java.sql.SQLTransientConnectionException
                || t instanceof java.net.ConnectException
                || t instanceof org.hibernate.exception.JDBCConnectionException
                || (t instanceof SQLException sql && (sql.getErrorCode() == COMMIT_REFUSED
                        || (sql.getSQLState() != null && sql.getSQLState().startsWith("08")))));
    }

    /** The database's own words for a failure: the first SQLException's message in the graph, else the exception's. */
    public static String databaseMessage(Throwable e) {
        Throwable sql = firstInGraph(e, t -> t instanceof SQLException);
        return String.valueOf((sql != null ? sql : e).getMessage());
    }

    static boolean anyInGraph(Throwable e, Predicate<Throwable> test) {
        return firstInGraph(e, test) != null;
    }

    /** The exception, one of its causes or one of their suppressed exceptions that matches, each visited once; or null. */
    static Throwable firstInGraph(Throwable e, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        if (e != null) {
            next.push(e);
        }
        while (!next.isEmpty()) {
            Throwable t = next.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return t;
            }
            if (t.getCause() != null) {
                next.push(t.getCause());
            }
            for (Throwable s : t.getSuppressed()) {
                next.push(s);
            }
        }
        return null;
    }
}

package io.clientbase.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a database failure means for the request: run again, retry later, or a bug. No Quarkus. */
@Tag("unit")
class DatabaseFailuresTest {

    /** Narayana's shape of a failed one-phase commit: the resource's XAException is suppressed, not the cause. */
    private static RuntimeException failedCommit(SQLException driver) {
        XAException resource = new XAException("Error trying to transactionCommit local transaction: " + driver.getMessage());
        resource.initCause(driver);
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(resource);
        return new IllegalStateException("Error invoking subclass method", commit);
    }

    @Test
    void aCommitAGaleraNodeRefusedOutsideItsPrimaryComponentIsTheDatabaseBeingUnavailable() {
        SQLException refused = new SQLException("(conn=13) Error while appending streaming replication fragment"
                + "(provider status: Not connected to Primary Component)", "HY000", 1180);
        assertTrue(DatabaseFailures.databaseUnavailable(failedCommit(refused)), "found through the suppressed XAException");
        assertFalse(DatabaseFailures.lostToAConcurrentTransaction(failedCommit(refused)), "not run again: it is no conflict");
        assertEquals(refused.getMessage(), DatabaseFailures.databaseMessage(failedCommit(refused)), "logged in the database's words");
    }

    @Test
    void aLostConnectionAnywhereInTheGraphIsTheDatabaseBeingUnavailable() {
        assertTrue(DatabaseFailures.databaseUnavailable(failedCommit(new SQLNonTransientConnectionException("Connection reset", "08000"))));
        assertTrue(DatabaseFailures.databaseUnavailable(new IllegalStateException(new SQLException("link failure", "08S01", 0))));
        assertTrue(DatabaseFailures.databaseUnavailable(new IllegalStateException(new java.net.ConnectException("refused"))));
    }

    @Test
    void aDeadlockOrALostCertificationDeepInTheGraphIsLostToAConcurrentTransaction() {
        SQLException certification = new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
        assertTrue(DatabaseFailures.lostToAConcurrentTransaction(failedCommit(certification)));
        assertTrue(DatabaseFailures.lostToAConcurrentTransaction(new SQLException("lost", "40001", 0)), "by SQLSTATE alone");
        RuntimeException suppressed = new IllegalStateException("rollback failed too");
        suppressed.addSuppressed(certification);
        assertTrue(DatabaseFailures.lostToAConcurrentTransaction(suppressed), "a conflict carried as a suppressed exception");
        assertTrue(DatabaseFailures.conflictsWithAnotherRequest(failedCommit(certification)));
    }

    @Test
    void aTransactionIsWorthAnotherAttemptWhenItLostToAnotherOrItsTriggersFailedToLoadAndOnlyThen() {
        assertEquals("conflict", DatabaseFailures.worthAnotherAttempt(new IllegalStateException("client lock failed",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213))));
        assertEquals("triggers", DatabaseFailures.worthAnotherAttempt(
                new SQLException("Unknown trigger has an error in its body: 'Query was empty'", "42000", 1064)));
        assertNull(DatabaseFailures.worthAnotherAttempt(new SQLException("Lock wait timeout exceeded", "HY000", 1205)));
        assertNull(DatabaseFailures.worthAnotherAttempt(new SQLException("Communications link failure", "08S01", 0)),
                "a lost connection leaves the commit's outcome unknown");
        assertNull(DatabaseFailures.worthAnotherAttempt(new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)));
    }

    @Test
    void aLockWaitTimeoutIsAConflictToRetryLaterButNeverRunAgainAtOnce() {
        SQLException lockWait = new SQLException("Lock wait timeout exceeded", "HY000", 1205);
        assertTrue(DatabaseFailures.conflictsWithAnotherRequest(new IllegalStateException(lockWait)));
        assertFalse(DatabaseFailures.lostToAConcurrentTransaction(lockWait), "it rolled back only the statement");
    }

    @Test
    void aDuplicateATooLargeWriteSetOrABugIsNeitherUnavailableNorAConflict() {
        for (Throwable e : new Throwable[] {
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062),
                failedCommit(new SQLException("Maximum writeset size exceeded", "HY000", 1105)),
                new NullPointerException(), new IllegalStateException("bug", new IllegalArgumentException())}) {
            assertFalse(DatabaseFailures.databaseUnavailable(e), e.toString());
            assertFalse(DatabaseFailures.conflictsWithAnotherRequest(e), e.toString());
            assertFalse(DatabaseFailures.lostToAConcurrentTransaction(e), e.toString());
        }
        assertFalse(DatabaseFailures.lostToAConcurrentTransaction(new SQLException("Communications link failure", "08S01", 0)),
                "a lost connection leaves the commit's outcome unknown: never run again on its own");
    }

    @Test
    void triggersTheServerFailedToLoadAreToldFromASyntaxErrorInTheStatementItself() {
        SQLException unloaded = new SQLException("(conn=9) Unknown trigger has an error in its body: 'Query was empty'", "42000", 1064);
        assertTrue(DatabaseFailures.triggersFailedToLoad(new IllegalStateException("client write failed", unloaded)));
        assertTrue(DatabaseFailures.triggersFailedToLoad(failedCommit(unloaded)));
        assertFalse(DatabaseFailures.triggersFailedToLoad(new SQLException("You have an error in your SQL syntax", "42000", 1064)),
                "a statement of ours that does not parse is a bug, never run again");
        assertFalse(DatabaseFailures.databaseUnavailable(unloaded));
        assertFalse(DatabaseFailures.lostToAConcurrentTransaction(unloaded));
    }

    @Test
    void aPoolWithNoConnectionFreeInTimeIsToldAnywhereInTheGraph() {
        SQLException pool = new SQLException("Sorry, acquisition timeout!");
        assertTrue(DatabaseFailures.noConnectionFreeInTime(new IllegalStateException("query failed", pool)));
        assertTrue(DatabaseFailures.noConnectionFreeInTime(failedCommit(pool)));
        assertFalse(DatabaseFailures.noConnectionFreeInTime(new SQLException("Lock wait timeout exceeded", "HY000", 1205)));
    }

    @Test
    void anExceptionThatIsItsOwnSuppressedOrCauseEndsTheWalk() {
        IllegalStateException loop = new IllegalStateException("loop");
        RuntimeException outer = new RuntimeException(loop);
        loop.addSuppressed(outer);
        assertFalse(DatabaseFailures.databaseUnavailable(outer));
    }
}

package io.clientbase.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which failures a transaction may be run again after, and the per-system MariaDB programs. No Quarkus. */
@Tag("unit")
class ConflictRetriesTest {

    @Test
    void aDeadlockOrALostCertificationDeepInTheCauseChainIsAConflict() {
        SQLException certification = new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
        RuntimeException commit = new IllegalStateException("commit failed", new jakarta.transaction.RollbackException("rolled back"));
        commit.getCause().initCause(certification);
        assertTrue(ConflictRetries.isConflict(commit));
        assertTrue(ConflictRetries.isConflict(new SQLException("lost", "40001", 0)), "by SQLSTATE alone");
        RuntimeException suppressed = new IllegalStateException("rollback failed too");
        suppressed.addSuppressed(certification);
        assertTrue(ConflictRetries.isConflict(suppressed), "a conflict carried as a suppressed exception");
    }

    @Test
    void aDuplicateALostConnectionOrABugIsNeverRunAgain() {
        assertFalse(ConflictRetries.isConflict(new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)));
        assertFalse(ConflictRetries.isConflict(new SQLException("Communications link failure", "08S01", 0)),
                "a lost connection leaves the commit's outcome unknown");
        assertFalse(ConflictRetries.isConflict(new NullPointerException()));
        assertFalse(ConflictRetries.isConflict(new SQLException("Lock wait timeout exceeded", "HY000", 1205)),
                "a lock wait timeout rolled back only the statement, not the transaction");
    }

    @Test
    void windowsNamesItsMariaDbProgramsTheOldWayAndInstallsWithItsOwnTool() {
        Path engine = Path.of("/e");
        assertEquals(Path.of("/e/bin/mysqld.exe"), MariaDbBinaries.WINDOWS_X64.program(engine, "mariadbd"));
        assertEquals(Path.of("/e/bin/mysqldump.exe"), MariaDbBinaries.WINDOWS_X64.program(engine, "mariadb-dump"));
        assertEquals(Path.of("/e/bin/mariadb-dump"), MariaDbBinaries.LINUX_X64.program(engine, "mariadb-dump"));
        assertEquals(Path.of("/e/bin/mariadbd"), MariaDbBinaries.MACOS_ARM64.program(engine, "mariadbd"));
        assertTrue(MariaDbBinaries.WINDOWS_X64.installCommand(engine, Path.of("/d/db")).get(0).endsWith("mysql_install_db.exe"));
        assertTrue(MariaDbBinaries.LINUX_X64.installCommand(Path.of("/a b/engine"), Path.of("/a b/db")).stream()
                .noneMatch(arg -> arg.startsWith("--") && arg.contains(" ")), "no option carries a path with spaces");
    }

    @Test
    void theJarKnowsItsNewestMigration() {
        assertTrue(CheckCommand.shippedMigration() >= 18);
    }
}

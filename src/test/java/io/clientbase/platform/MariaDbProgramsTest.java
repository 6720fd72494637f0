package io.clientbase.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The per-system MariaDB programs and the shipped migration. No Quarkus. */
@Tag("unit")
class MariaDbProgramsTest {

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

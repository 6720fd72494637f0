package io.clientbase.packaging;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.JarProcess;
import io.clientbase.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A start that cannot succeed ends at once with exit code 1 and says why on its output, and a fault
 * test that meets one prints that reason: CI keeps the test's output, not the log files beside it.
 */
class FailedStartIT {

    @Test
    void aMisconfiguredStartExitsWithTheSettingItRejectsInTheTestsOwnOutput() {
        Path data = TestDatabase.freshFolder("target/test-data/failed-start");
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> JarProcess.start(data, Map.of("CLIENTBASE_DB_BUFFER_POOL_SIZE", "lots")).close());
        assertTrue(failed.getMessage().startsWith("clientbase exited with 1"), failed.getMessage());
        assertTrue(failed.getMessage().contains("CLIENTBASE_DB_BUFFER_POOL_SIZE must be a size such as 512M or 2G, not 'lots'"),
                failed.getMessage());
    }

    @Test
    void aDatabaseThatCannotStartEndsTheStartWithItsReasonWhileQuarkusStartsBesideIt() throws Exception {
        Path data = TestDatabase.freshFolder("target/test-data/failed-database");
        JarProcess.start(data).close(); // a folder that has started once: its next start overlaps the server's
        Files.write(data.resolve("db/ibdata1"), new byte[0]); // InnoDB's system tablespace, emptied
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> JarProcess.start(data).close());
        assertTrue(failed.getMessage().startsWith("clientbase exited with 1"), failed.getMessage());
        assertTrue(failed.getMessage().contains("The embedded MariaDB exited with code"), failed.getMessage());
    }
}

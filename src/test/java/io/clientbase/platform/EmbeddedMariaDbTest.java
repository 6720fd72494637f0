package io.clientbase.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded server keeps its data, wherever its folder is, and never shares it. */
class EmbeddedMariaDbTest {

    private Path folder;

    @AfterEach
    void removeScratchFolder() throws IOException {
        if (folder != null && Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aFolderUnderTheSystemTempFolderKeepsItsDataAcrossARestart() throws Exception {
        folder = Files.createTempDirectory("clientbase-restart-");
        assertTrue(folder.startsWith(Path.of(System.getProperty("java.io.tmpdir"))));
        Path data = folder.resolve("data");

        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(data, null).start()) {
            execute(db, "CREATE TABLE notes (text VARCHAR(100)) CHARACTER SET utf8mb4");
            execute(db, "INSERT INTO notes VALUES ('Привет 👋')");
        }
        assertTrue(Files.isDirectory(data.resolve("db").resolve(EmbeddedMariaDb.DATABASE)), "data folder deleted at stop");

        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(data, null).start()) {
            assertEquals("Привет 👋", queryOne(db, "SELECT text FROM notes"));
        }
        assertTrue(Files.isDirectory(data.resolve("db")), "data folder deleted at second stop");
    }

    @Test
    void aFolderMovedElsewhereKeepsItsData() throws Exception {
        folder = Path.of("target/test-data/move-" + System.nanoTime()).toAbsolutePath();
        Path before = folder.resolve("before");
        Path after = folder.resolve("elsewhere/after");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(before, null).start()) {
            execute(db, "CREATE TABLE clients (name VARCHAR(100)) CHARACTER SET utf8mb4");
            execute(db, "INSERT INTO clients VALUES ('ООО Ромашка')");
        }
        Files.createDirectories(after.getParent());
        Files.move(before, after);
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(after, null).start()) {
            assertEquals("ООО Ромашка", queryOne(db, "SELECT name FROM clients"));
        }
    }

    @Test
    void aSecondStartOnAFolderInUseFailsFastAndLeavesTheFirstRunning() throws Exception {
        folder = Path.of("target/test-data/busy-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            execute(db, "CREATE TABLE t (n INT)");
            long started = System.nanoTime();
            var refused = assertThrows(EmbeddedMariaDb.DataFolderInUseException.class, () -> EmbeddedMariaDb.open(folder, null));
            assertTrue(System.nanoTime() - started < 2_000_000_000L, "must fail fast");
            assertTrue(refused.getMessage().contains("in use"));
            execute(db, "INSERT INTO t VALUES (1)");
            assertEquals("1", queryOne(db, "SELECT COUNT(*) FROM t"));
        }
    }

    private static void execute(EmbeddedMariaDb db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "root", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(EmbeddedMariaDb db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "root", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

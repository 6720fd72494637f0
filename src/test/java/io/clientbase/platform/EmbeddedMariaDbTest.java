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
import java.util.List;
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

    @Test
    void theEmbeddedServerAdmitsOnlyTheApplicationWithItsSecret() throws Exception {
        folder = Path.of("target/test-data/door-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            String server = "jdbc:mariadb://127.0.0.1:" + db.port() + "/";
            for (String[] attempt : new String[][] {{"root", ""}, {"", ""}, {db.user(), ""}, {db.user(), "wrong"},
                    {"root", db.password()}, {"mysql", ""}, {"mariadb.sys", ""}, {"PUBLIC", ""}}) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> DriverManager.getConnection(server, attempt[0], attempt[1]).close(),
                        "connected as '" + attempt[0] + "' without the secret");
                assertEquals("28000", refused.getSQLState(), refused.getMessage());
            }
            assertEquals("1", queryOne(db, "SELECT 1"));
            assertEquals("0", queryOne(db, "SELECT COUNT(*) FROM mysql.global_priv WHERE User = '' OR "
                    + "(User NOT IN ('mariadb.sys', 'PUBLIC') AND JSON_VALUE(Priv, '$.authentication_string') = '')"));
            assertEquals(db.password(), EmbeddedMariaDb.readAccount(folder).getProperty("password"));
        }
    }

    @Test
    void theApplicationConnectsThroughTheServersSocketWithTheSameSecret() throws Exception {
        folder = Path.of("target/test-data/socket-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            assertTrue(db.applicationJdbcUrl().contains("socketFactory=" + UnixSocketFactory.class.getName()), db.applicationJdbcUrl());
            try (Connection c = DriverManager.getConnection(db.applicationJdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT USER(), DATABASE()")) {
                rs.next();
                assertEquals(db.user() + "@localhost", rs.getString(1), "a connection through the socket, not TCP");
                assertEquals(EmbeddedMariaDb.DATABASE, rs.getString(2));
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(db.applicationJdbcUrl(), db.user(), "wrong").close());
            assertEquals("28000", refused.getSQLState(), refused.getMessage());
        }
    }

    @Test
    void aFolderSecuredByAnEarlierVersionGetsTheSocketsAccountAtItsNextStart() throws Exception {
        folder = Path.of("target/test-data/socket-upgrade-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            execute(db, "DROP USER '" + db.user() + "'@'localhost'");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(db.applicationJdbcUrl(), db.user(), db.password()).close(),
                    "the earlier version's folder: no account for the socket");
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start();
             Connection c = DriverManager.getConnection(db.applicationJdbcUrl(), db.user(), db.password())) {
            assertTrue(c.isValid(2));
        }
    }

    @Test
    void noFileOfTheDataFolderIsReadableByOthers() throws Exception {
        folder = Path.of("target/test-data/private-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            execute(db, "CREATE TABLE t (n INT)");
            execute(db, "INSERT INTO t VALUES (1)");
            try (Stream<Path> walk = Files.walk(folder)) {
                List<String> open = walk.filter(p -> !Files.isSymbolicLink(p)).filter(p -> {
                    try {
                        var perms = Files.getPosixFilePermissions(p);
                        return perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"));
                    } catch (IOException e) {
                        return false; // removed by the server meanwhile
                    }
                }).map(p -> folder.relativize(p) + " " + permissions(p)).toList();
                assertEquals(List.of(), open, "files a group or other users could read or enter");
            }
            assertEquals("rwx------", permissions(folder));
            assertEquals("rw-------", permissions(folder.resolve(EmbeddedMariaDb.ACCOUNT_FILE)));
        }
    }

    @Test
    void theRedoLogIsAQuarterOfThePageCacheAndNeverSmallerThanTheServersDefault() {
        assertEquals("96M", EmbeddedMariaDb.redoLogSize(EmbeddedMariaDb.bufferPoolSize(null)));
        assertEquals("96M", EmbeddedMariaDb.redoLogSize("128M"));
        assertEquals("768M", EmbeddedMariaDb.redoLogSize("3G"));
        assertEquals("3072M", EmbeddedMariaDb.redoLogSize("12g"));
        assertEquals("256M", EmbeddedMariaDb.redoLogSize("1048576k"));
        assertEquals("256M", EmbeddedMariaDb.redoLogSize("1073741824"));
    }

    @Test
    void aFolderStartedAgainWithALargerPageCacheKeepsItsDataAndGetsTheLargerRedoLog() throws Exception {
        folder = Path.of("target/test-data/redo-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            assertEquals(String.valueOf(96L << 20), queryOne(db, "SELECT @@innodb_log_file_size"));
            execute(db, "CREATE TABLE t (n INT) ENGINE=InnoDB");
            execute(db, "INSERT INTO t VALUES (7)");
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, "1G").start()) {
            assertEquals(String.valueOf(256L << 20), queryOne(db, "SELECT @@innodb_log_file_size"));
            assertEquals("7", queryOne(db, "SELECT n FROM t"));
            execute(db, "INSERT INTO t VALUES (8)");
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            assertEquals(String.valueOf(96L << 20), queryOne(db, "SELECT @@innodb_log_file_size"));
            assertEquals("15", queryOne(db, "SELECT SUM(n) FROM t"));
        }
    }

    @Test
    void theCacheSavedAtAStopIsReadBackOnlyWhenTheApplicationAsks() throws Exception {
        folder = Path.of("target/test-data/saved-cache-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            db.loadBufferPool(); // a new folder: nothing saved, nothing asked of the server
            execute(db, "CREATE TABLE t (n INT) ENGINE=InnoDB");
            execute(db, "INSERT INTO t VALUES (42)");
        }
        assertTrue(Files.size(folder.resolve("db/ib_buffer_pool")) > 0, "the page list saved at the stop");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            assertEquals("0", queryOne(db, "SELECT @@innodb_buffer_pool_load_at_startup"));
            assertTrue(!loadStatus(db).contains("completed"), "not read at the server's start: " + loadStatus(db));
            db.loadBufferPool();
            for (long deadline = System.nanoTime() + 30_000_000_000L; !loadStatus(db).contains("load completed")
                    && System.nanoTime() < deadline; ) {
                Thread.sleep(100);
            }
            assertTrue(loadStatus(db).contains("load completed"), "read when asked: " + loadStatus(db));
        }
    }

    private static String loadStatus(EmbeddedMariaDb db) throws SQLException {
        return queryOne(db, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_LOAD_STATUS'");
    }

    @Test
    void aKilledServerIsStartedAgainWithItsDataAndTheSameAddress() throws Exception {
        folder = Path.of("target/test-data/restart-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            execute(db, "CREATE TABLE t (n INT) ENGINE=InnoDB");
            execute(db, "INSERT INTO t VALUES (42)");
            long before = db.serverPid();
            new ProcessBuilder("kill", "-9", Long.toString(before)).start().waitFor();
            long deadline = System.nanoTime() + 60_000_000_000L;
            String value = null;
            while (value == null && System.nanoTime() < deadline) {
                try {
                    value = queryOne(db, "SELECT n FROM t");
                } catch (SQLException e) {
                    Thread.sleep(200);
                }
            }
            assertEquals("42", value, "the committed row after crash recovery");
            assertTrue(db.serverPid() != before, "a new server process");
        }
    }

    @Test
    void onAMachineInADaylightSavingZoneANewFolderTakesTheHourTheChangeSkips() throws Exception {
        folder = Path.of("target/test-data/zone-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).withServerEnvironment("TZ", "Europe/Paris").start()) {
            assertTrue(List.of("CET", "CEST").contains(queryOne(db, "SELECT @@system_time_zone")), "the server runs in Paris' zone");
            assertEquals("+00:00", queryOne(db, "SELECT @@time_zone"));
            execute(db, "CREATE TABLE t (at TIMESTAMP(6) NULL)");
            // 02:30 UTC on 2026-03-29 does not exist in Paris: in the system zone each write of it was refused
            // (Incorrect datetime value), the application's own (UTC_TIMESTAMP(6)) and a parameter's text alike
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement st = c.createStatement()) {
                st.execute("SET timestamp = 1774751400"); // the session's clock at that instant
                st.execute("INSERT INTO t VALUES (UTC_TIMESTAMP(6))");
            }
            execute(db, "INSERT INTO t VALUES ('2026-03-29 02:30:00.000000')");
            assertEquals("2", queryOne(db, "SELECT COUNT(*) FROM t WHERE at = '2026-03-29 02:30:00.000000'"));
            assertEquals("1774751400", queryOne(db, "SELECT MIN(UNIX_TIMESTAMP(at)) DIV 1 FROM t"), "stored as that UTC instant");
        }
        assertTrue(Files.exists(folder.resolve(EmbeddedMariaDb.UTC_FILE)));
    }

    @Test
    void aFolderAnEarlierVersionWroteInAnotherZoneKeepsItAndOneWrittenInUtcTakesUtcSessions() throws Exception {
        folder = Path.of("target/test-data/old-zone-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).start()) {
            execute(db, "CREATE TABLE t (n INT)");
        }
        Files.delete(folder.resolve(EmbeddedMariaDb.UTC_FILE)); // as an earlier version left it
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).withServerEnvironment("TZ", "Europe/Paris").start()) {
            assertEquals("SYSTEM", queryOne(db, "SELECT @@time_zone"), "its timestamps were stored in Paris' sessions");
        }
        assertTrue(Files.notExists(folder.resolve(EmbeddedMariaDb.UTC_FILE)));
        try (EmbeddedMariaDb db = EmbeddedMariaDb.open(folder, null).withServerEnvironment("TZ", "UTC").start()) {
            assertEquals("+00:00", queryOne(db, "SELECT @@time_zone"), "a machine in UTC stored them as UTC already");
        }
        assertTrue(Files.exists(folder.resolve(EmbeddedMariaDb.UTC_FILE)), "and from now on whatever zone the folder moves to");
    }

    @Test
    void whichFoldersGetUtcSessions() {
        java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
        assertTrue(EmbeddedMariaDb.utcSessions(true, false, paris), "a new folder");
        assertTrue(EmbeddedMariaDb.utcSessions(false, true, paris), "a folder marked so, moved to Paris");
        assertTrue(EmbeddedMariaDb.utcSessions(false, false, java.time.ZoneId.of("UTC")));
        assertTrue(EmbeddedMariaDb.utcSessions(false, false, java.time.ZoneId.of("Etc/UTC")));
        assertTrue(!EmbeddedMariaDb.utcSessions(false, false, paris), "an earlier version's folder in Paris");
        assertTrue(!EmbeddedMariaDb.utcSessions(false, false, java.time.ZoneId.of("+03:00")), "nor in a fixed zone other than UTC");
    }

    private static String permissions(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            return "?";
        }
    }

    private static void execute(EmbeddedMariaDb db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(EmbeddedMariaDb db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

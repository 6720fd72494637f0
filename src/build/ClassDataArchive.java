import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes {@code target/clientbase.jsa}, the class-data archive (AppCDS) that the README's start command hands to
 * the JVM, so that a start loads the application's classes already parsed and verified instead of from the jar.
 * Measured on 2 cores (2026-12-06, the same data folder, alternated): 7.9-10.2 s from {@code java -jar} to ready
 * without it, 4.8-5.2 s with it.
 *
 * <p>Run by the build in {@code package} (exec-maven-plugin), with the JDK Maven runs on:
 * {@code java src/build/ClassDataArchive.java <jar> <archive> <work folder>}. It starts the jar once on a new data
 * folder (embedded MariaDB) with {@code -XX:ArchiveClassesAtExit}, waits until it is ready, logs in and reads a page
 * of clients (the request path's classes), then stops it with SIGTERM; the JVM writes the archive as it exits.
 *
 * <p>The archive is an optimisation, never a condition: if anything here fails, it says why and the build goes on;
 * the JVM then starts without it (a missing archive is ignored silently, one made for another jar or JDK is
 * ignored with one warning line).
 */
public class ClassDataArchive {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final String PASSWORD = "Class-Data-Archive-0";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        try {
            make(jar, archive, work);
            System.out.printf("class-data archive %s (%d MB)%n", archive, Files.size(archive) >> 20);
        } catch (Exception e) {
            Files.deleteIfExists(archive);
            System.out.println("[WARNING] no class-data archive was made (the application starts without it): " + e.getMessage());
            Path log = work.resolve("app.log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.out::println);
            }
        }
    }

    private static void make(Path jar, Path archive, Path work) throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        Files.deleteIfExists(archive);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaOnThePath(),
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=error", "-Xlog:cds+dynamic=error",
                "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("app.log").toFile());
        builder.environment().put("CLIENTBASE_DATA_DIR", work.resolve("data").toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("CLIENTBASE_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("CLIENTBASE_BCRYPT_COST", "10");
        builder.environment().remove("CLIENTBASE_DB_URL");
        Process app = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitReady(http, base, app);
            exerciseTheRequestPath(http, base);
        } finally {
            app.destroy();
            if (!app.waitFor(2, TimeUnit.MINUTES)) {
                app.destroyForcibly();
                throw new IllegalStateException("the application did not stop within 2 minutes of SIGTERM");
            }
        }
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the JVM wrote no archive at exit (a JDK without its base CDS archive?)");
        }
    }

    private static void awaitReady(HttpClient http, String base, Process app) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the application exited at start (code " + app.exitValue() + ")");
            }
            try {
                if (http.send(get(base + "/q/health/ready").build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // polled again below
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the application was not ready within " + READY_WITHIN.toMinutes() + " minutes");
    }

    private static void exerciseTheRequestPath(HttpClient http, String base) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String token = login.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
        for (String path : List.of("/api/v1/me", "/api/v1/clients?limit=50", "/api/v1/fields")) {
            http.send(get(base + path).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    }

    /** The JVM of the README's {@code java -jar}: the first {@code java} on the PATH, else the one running this. */
    private static String javaOnThePath() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path java = Path.of(folder.isEmpty() ? "." : folder, "java");
            if (Files.isExecutable(java)) {
                return java.toString();
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}

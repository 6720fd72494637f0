package io.clientbase.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * target/clientbase.jar run as a user runs it, in its own process on a data folder of the test's:
 * for fault tests that kill it (kill -9), stop it (SIGTERM) or kill its embedded MariaDB.
 */
public final class JarProcess implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "Fault-Test-Passw0rd";
    private static final Path JAR = Path.of("target/clientbase.jar").toAbsolutePath();

    private final Path data;
    private final int port;
    private final Process process;

    private JarProcess(Path data, int port, Process process) {
        this.data = data;
        this.port = port;
        this.process = process;
    }

    /** Starts the jar on the data folder and waits until it is ready (the first start also unpacks MariaDB). */
    public static JarProcess start(Path data, Map<String, String> env) {
        return start(data, env, javaBinary(), List.of());
    }

    /** The same, with that java program and these options ahead of {@code -jar}. */
    public static JarProcess start(Path data, Map<String, String> env, String java, List<String> jvmOptions) {
        try {
            Files.createDirectories(data);
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling(data.getFileName() + "-app.log").toFile()));
            builder.environment().put("CLIENTBASE_DATA_DIR", data.toString());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("CLIENTBASE_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("CLIENTBASE_BCRYPT_COST", "10");
            // the fault tests drive writers as fast as they go with one token, far beyond a user's pace
            builder.environment().put("CLIENTBASE_RATE_LIMIT_PER_SECOND", "0");
            builder.environment().remove("CLIENTBASE_DB_URL");
            builder.environment().putAll(env);
            JarProcess jar = new JarProcess(data, port, builder.start());
            try {
                jar.awaitReady(Duration.ofSeconds(120));
            } catch (RuntimeException e) {
                jar.close(); // never leave a server running behind a failed start
                throw e;
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JarProcess start(Path data) {
        return start(data, Map.of());
    }

    /** Runs an admin command of the jar (backup, restore, …) to its end; its exit code. */
    public static int command(Path data, Path log, String... args) {
        return command(data, log, Map.of(), args);
    }

    /** The same with more environment (CLIENTBASE_DB_URL for an external database, CLIENTBASE_ADMIN_PASSWORD, …). */
    public static int command(Path data, Path log, Map<String, String> env, String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("CLIENTBASE_DATA_DIR", data.toString());
            builder.environment().remove("CLIENTBASE_DB_URL");
            builder.environment().remove("CLIENTBASE_ADMIN_PASSWORD");
            builder.environment().put("CLIENTBASE_BCRYPT_COST", "10");
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("clientbase " + String.join(" ", args) + " did not end");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path data() {
        return data;
    }

    public RequestSpecification api() {
        return given().baseUri(url()).contentType(ContentType.JSON);
    }

    public String adminToken() {
        return api().body(Map.of("login", "admin", "password", ADMIN_PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken");
    }

    public RequestSpecification as(String token) {
        return api().auth().oauth2(token);
    }

    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clientbase exited with " + process.exitValue() + "; the end of its log beside " + data
                        + ":\n" + tail(data.resolveSibling(data.getFileName() + "-app.log"), 30) + "\nthe end of mariadb.log:\n"
                        + tail(data.resolve("mariadb.log"), 15));
            }
            try {
                if (given().baseUri(url()).get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) { // RestAssured throws the ConnectException unchecked
                // not listening yet
            }
            sleep(200);
        }
        throw new IllegalStateException("clientbase was not ready within " + timeout);
    }

    /**
     * The last lines of a log, for the message of a failed start: CI keeps the test's output, not the
     * files beside it (a stop's CI once failed with "exited with 1" and nothing to say why).
     */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8) : List.of("(no " + log.getFileName() + ")");
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(" + log + " cannot be read: " + e + ")";
        }
    }

    /** The embedded MariaDB's process id, as its pid file says. */
    public long databasePid() {
        try {
            return Long.parseLong(Files.readString(data.resolve("db/mariadbd.pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int databasePort() {
        try {
            return Integer.parseInt(Files.readString(data.resolve("db.port")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection to its embedded MariaDB with the application's own account, read from the data folder. */
    public java.sql.Connection database() throws java.sql.SQLException {
        java.util.Properties account = new java.util.Properties();
        try (var reader = Files.newBufferedReader(data.resolve("db-account.properties"))) {
            account.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + databasePort() + "/clientbase",
                account.getProperty("user"), account.getProperty("password"));
    }

    public void kill9() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    public static void kill9(long pid) {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            sleep(50);
        }
    }

    /** SIGTERM, as an init system or Ctrl-C stops it. */
    public void sigterm() {
        process.destroy();
    }

    /** The exit code, once the process has ended within the timeout. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("clientbase did not stop within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
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

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

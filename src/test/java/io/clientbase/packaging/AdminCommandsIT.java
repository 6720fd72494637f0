package io.clientbase.packaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.JarProcess;
import io.clientbase.support.TestDatabase;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The administrator's commands of target/clientbase.jar beside {@code backup}/{@code restore}:
 * {@code reset-admin-password} (the lock-out recovery), {@code create-admin LOGIN} and {@code check},
 * run as an operator runs them, beside a running server, on a stopped folder and on an external
 * database, with their exit codes.
 */
class AdminCommandsIT {

    private static final String RESCUE_PASSWORD = "Rescue-Passw0rd-17";

    @Test
    void aLockedOutAdminGetsANewPasswordFromTheCommandLineWhileTheServerRuns() throws IOException {
        Path data = TestDatabase.freshFolder("target/test-data/admin-commands");
        try (JarProcess app = JarProcess.start(data)) {
            String adminToken = app.adminToken();
            long adminId = app.as(adminToken).get("/api/v1/me").then().statusCode(200).extract().jsonPath().getLong("id");

            assertEquals(0, command(data, "create-admin.log", Map.of("CLIENTBASE_ADMIN_PASSWORD", RESCUE_PASSWORD), "create-admin", "rescue"));
            String rescue = login(app, "rescue", RESCUE_PASSWORD);
            assertEquals("ADMIN", app.as(rescue).get("/api/v1/me").then().statusCode(200).extract().path("type"));
            app.as(rescue).body(Map.of("status", "BLOCKED")).patch("/api/v1/users/" + adminId).then().statusCode(200);
            app.as(adminToken).get("/api/v1/me").then().statusCode(401);
            app.api().body(Map.of("login", "admin", "password", JarProcess.ADMIN_PASSWORD)).post("/api/v1/auth/login")
                    .then().statusCode(403); // blocked

            assertEquals(0, command(data, "reset.log", Map.of(), "reset-admin-password"));
            String password = printedPassword(data.resolveSibling("reset.log"));
            String fresh = login(app, "admin", password);
            app.as(fresh).get("/api/v1/me").then().statusCode(200);
            app.api().body(Map.of("login", "admin", "password", JarProcess.ADMIN_PASSWORD)).post("/api/v1/auth/login")
                    .then().statusCode(401);
            assertEquals("ACTIVE", app.as(rescue).get("/api/v1/users/" + adminId).then().statusCode(200).extract().path("status"));

            JsonPath history = app.as(rescue).get("/api/v1/users/" + adminId + "/history").then().statusCode(200).extract().jsonPath();
            assertNull(history.get("items[0].actor.id"), "the command line is the system, not a user");
            assertEquals("updated", history.getString("items[0].action"));
            assertEquals(List.of("password", "status"), history.getList("items[0].changes.field"));
        }
    }

    @Test
    void theCommandsRefuseWhatTheyCannotDoWithTheirExitCodes() throws IOException {
        Path data = TestDatabase.freshFolder("target/test-data/admin-commands-refusals");
        try (JarProcess app = JarProcess.start(data)) {
            app.adminToken();
            assertEquals(1, command(data, "again.log", Map.of(), "create-admin", "admin"), "the login exists");
            assertTrue(Files.readString(data.resolveSibling("again.log")).contains("exists already"));
            assertEquals(2, command(data, "bad-login.log", Map.of(), "create-admin", "no spaces allowed"));
            assertEquals(2, command(data, "short.log", Map.of("CLIENTBASE_ADMIN_PASSWORD", "short"), "reset-admin-password"));
            assertEquals(1, command(data, "nobody.log", Map.of(), "reset-admin-password", "--login", "nobody"));
            assertEquals(2, command(data, "usage.log", Map.of(), "check", "extra"));
            assertEquals(0, command(data, "help.log", Map.of(), "reset-admin-password", "--help"));
            assertTrue(Files.readString(data.resolveSibling("help.log")).contains("usage: java -jar clientbase.jar reset-admin-password"));
            app.api().body(Map.of("login", "admin", "password", JarProcess.ADMIN_PASSWORD)).post("/api/v1/auth/login")
                    .then().statusCode(200); // nothing refused changed anything

            assertEquals(0, command(data, "check.log", Map.of(), "check"));
            String check = Files.readString(data.resolveSibling("check.log"));
            assertTrue(check.contains("ok    migrations current (V"), check);
            assertTrue(check.contains("free on the data folder's disk"), check);
        }
        assertEquals(1, command(data, "check-down.log", Map.of("CLIENTBASE_DB_URL", "jdbc:mariadb://127.0.0.1:1/clientbase"), "check"));
        assertTrue(Files.readString(data.resolveSibling("check-down.log")).contains("FAIL  the database cannot be reached"));
    }

    @Test
    void onAStoppedFolderTheCommandStartsTheEmbeddedDatabaseItselfAndTheServerThenAcceptsTheNewPassword() {
        Path data = TestDatabase.freshFolder("target/test-data/admin-commands-stopped");
        try (JarProcess app = JarProcess.start(data)) {
            app.adminToken();
        }
        assertEquals(0, command(data, "stopped.log", Map.of("CLIENTBASE_ADMIN_PASSWORD", RESCUE_PASSWORD), "reset-admin-password"));
        try (JarProcess app = JarProcess.start(data)) {
            login(app, "admin", RESCUE_PASSWORD);
        }
    }

    @Test
    void theCommandsWorkOnAnExternalDatabaseAsOnTheEmbeddedOne() throws Exception {
        Assumptions.assumeTrue(reachable(3306), "no MariaDB server on 127.0.0.1:3306");
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS clientbase_admin_it");
            st.execute("CREATE DATABASE clientbase_admin_it CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        Map<String, String> external = Map.of("CLIENTBASE_DB_URL", "jdbc:mariadb://127.0.0.1:3306/clientbase_admin_it",
                "CLIENTBASE_DB_USER", "root", "CLIENTBASE_DB_PASSWORD", "");
        Path data = TestDatabase.freshFolder("target/test-data/admin-commands-external");
        try (JarProcess app = JarProcess.start(data, external)) {
            app.adminToken();
            java.util.HashMap<String, String> env = new java.util.HashMap<>(external);
            env.put("CLIENTBASE_ADMIN_PASSWORD", RESCUE_PASSWORD);
            assertEquals(0, command(data, "external-create.log", env, "create-admin", "rescue"));
            login(app, "rescue", RESCUE_PASSWORD);
            assertEquals(0, command(data, "external-check.log", external, "check"));
            assertTrue(Files.readString(data.resolveSibling("external-check.log")).contains("clientbase_admin_it at 127.0.0.1:3306 answers"));
        }
    }

    private static int command(Path data, String log, Map<String, String> env, String... args) {
        Path file = data.resolveSibling(log);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return JarProcess.command(data, file, env, args);
    }

    private static String login(JarProcess app, String login, String password) {
        return given().baseUri(app.url()).contentType(ContentType.JSON).body(Map.of("login", login, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    /** The password the command printed, on the indented line after "shown only this once". */
    private static String printedPassword(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("shown only this once")) {
                return lines.get(i + 2).strip();
            }
        }
        throw new AssertionError("no password printed: " + lines);
    }

    private static boolean reachable(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package io.clientbase.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.JarProcess;
import io.clientbase.support.TestDatabase;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the embedded mariadbd under a running application: it answers 503 unavailable with
 * Retry-After within seconds (never 500, never a request hanging on the pool), its readiness is
 * DOWN, it starts the database again by itself and serves again without being restarted.
 */
class LostDatabaseIT {

    @Test
    void whenItsDatabaseDiesTheApiAnswers503FastAndServesAgainWithoutARestart() throws Exception {
        try (JarProcess app = JarProcess.start(TestDatabase.freshFolder("target/test-data/lost-db"))) {
            String token = app.adminToken();
            long id = app.as(token).body(Map.of("name", "ООО Живучий")).post("/api/v1/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            int port = app.databasePort();
            JarProcess.kill9(app.databasePid());
            // hold the server's port for a few seconds, so that its restart must wait: the outage is long enough to see
            ServerSocket blocker = occupy(port);
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            long slowest = 0;
            boolean readyDown = false;
            long outageEnds = System.nanoTime() + 4_000_000_000L;
            while (System.nanoTime() < outageEnds) {
                long started = System.nanoTime();
                Response r = app.as(token).get("/api/v1/clients/" + id);
                slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() != 200 && (r.statusCode() != 503 || r.header("Retry-After") == null
                        || !r.contentType().startsWith("application/problem+json") || !r.asString().contains("/unavailable"))) {
                    problems.add(r.statusCode() + " " + r.asString());
                }
                readyDown |= app.api().get("/q/health/ready").statusCode() == 503;
                JarProcess.sleep(100);
            }
            if (blocker != null) {
                blocker.close();
            }
            long back = System.nanoTime();
            int status = 0;
            while (status != 200 && System.nanoTime() - back < 60_000_000_000L) {
                status = app.as(token).get("/api/v1/clients/" + id).statusCode();
                JarProcess.sleep(200);
            }
            System.out.printf("database killed: answers %s, slowest %d ms, ready DOWN seen: %s, back after %d ms%n",
                    statuses, slowest, readyDown, (System.nanoTime() - back) / 1_000_000);
            assertEquals(List.of(), problems, "every answer while the database was gone is 200 or a 503 problem with Retry-After");
            assertTrue(statuses.getOrDefault(503, 0) > 0, "requests during the outage answered 503: " + statuses);
            assertTrue(slowest < 5_000, "no request waited long for the lost database: " + slowest + " ms");
            assertTrue(blocker == null || readyDown, "/q/health/ready was DOWN during the outage");
            assertEquals(200, status, "the application serves again once its database is back, without a restart");
            app.as(token).body(Map.of("name", "после сбоя")).post("/api/v1/clients").then().statusCode(201);
        }
    }

    /** Binds the dead server's port, or null if the application restarted it first. */
    private static ServerSocket occupy(int port) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return socket;
            } catch (IOException busy) {
                JarProcess.sleep(5);
            }
        }
        return null;
    }
}

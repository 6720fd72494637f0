package io.clientbase.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.JarProcess;
import io.clientbase.support.TestDatabase;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The outbox across kill -9: four writers create clients while a webhook listens; the jar is
 * killed mid-way and started again. Every acknowledged create is delivered, and nothing is
 * delivered for a create that did not commit.
 */
class WebhookCrashIT {

    private static final Map<String, String> ENV = Map.of("CLIENTBASE_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1",
            "CLIENTBASE_WEBHOOKS_RETRY_SCHEDULE", "1s,1s,1s,1s,1s");

    @Test
    void everyAcknowledgedChangeIsDeliveredAfterAKillAndNoneThatDidNotCommit() throws Exception {
        Path data = TestDatabase.freshFolder("target/test-data/webhook-crash");
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        try (Receiver receiver = new Receiver()) {
            try (JarProcess app = JarProcess.start(data, ENV)) {
                String token = app.adminToken();
                app.as(token).body(Map.of("url", receiver.url("/crash"), "events", List.of("client.created")))
                        .post("/api/v1/webhooks").then().statusCode(201);
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService writers = Executors.newFixedThreadPool(4);
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    writers.submit(() -> {
                        for (int i = 0; running.get(); i++) {
                            try {
                                Response r = app.as(token).body(Map.of("name", "w" + writer + "-" + i)).post("/api/v1/clients");
                                if (r.statusCode() == 201) {
                                    acknowledged.add(r.jsonPath().getLong("id"));
                                }
                            } catch (RuntimeException connectionLost) {
                                return;
                            }
                        }
                    });
                }
                JarProcess.sleep(4_000);
                app.kill9();
                running.set(false);
                writers.shutdown();
                assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
            }
            assertTrue(acknowledged.size() > 20, "the writers wrote before the kill: " + acknowledged.size());

            try (JarProcess app = JarProcess.start(data, ENV)) {
                String token = app.adminToken();
                long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                Set<Long> delivered = deliveredIds(receiver);
                while (!delivered.containsAll(acknowledged) && System.nanoTime() < end) {
                    JarProcess.sleep(250);
                    delivered = deliveredIds(receiver);
                }
                Set<Long> missing = new HashSet<>(acknowledged);
                missing.removeAll(delivered);
                assertEquals(Set.of(), missing, "acknowledged creates never delivered (of " + acknowledged.size() + ")");
                for (long id : delivered) {
                    assertEquals(200, app.as(token).get("/api/v1/clients/" + id).statusCode(), "an event for a client that does not exist: " + id);
                }
            }
        }
    }

    private static Set<Long> deliveredIds(Receiver receiver) {
        return receiver.at("/crash").stream().filter(r -> r.answered() == 200)
                .map(r -> r.json().getLong("data.id")).collect(Collectors.toSet());
    }
}

package io.clientbase.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.JarProcess;
import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of the running jar (alone, or with its embedded mariadbd) while four writers create
 * clients with custom values, a bulk import runs and documents are uploaded: after the next start
 * every acknowledged (2xx) write is there exactly once, and nothing is half-written - no client
 * without its values, no document row without its file, import batches whole.
 */
class CrashSafetyIT {

    private static final int WRITERS = 4;

    @ParameterizedTest(name = "kill -9 of {0}")
    @ValueSource(strings = {"the application", "the application and its mariadbd"})
    void everyAcknowledgedWriteSurvivesAKillAndNothingIsHalfWritten(String victim) throws Exception {
        Path data = TestDatabase.freshFolder("target/test-data/crash-" + victim.length());
        Map<Long, Integer> acknowledged = new ConcurrentHashMap<>();
        Map<Long, byte[]> documents = new ConcurrentHashMap<>();
        List<String> importAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
        long anchor;
        try (JarProcess app = JarProcess.start(data)) {
            String token = app.adminToken();
            long section = app.as(token).body(Map.of("name", "Crash")).post("/api/v1/sections").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            app.as(token).body(Map.of("sectionId", section, "key", "n", "name", "N", "type", "NUMBER"))
                    .post("/api/v1/fields").then().statusCode(201);
            anchor = app.as(token).body(Map.of("name", "anchor", "fields", Map.of("n", -1))).post("/api/v1/clients")
                    .then().statusCode(201).extract().jsonPath().getLong("id");

            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                pool.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        int n = writer * 1_000_000 + i;
                        try {
                            Response r = app.as(token).body(Map.of("name", "w" + writer + "-" + i, "fields", Map.of("n", n)))
                                    .post("/api/v1/clients");
                            if (r.statusCode() == 201) {
                                acknowledged.put(r.jsonPath().getLong("id"), n);
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            pool.submit(() -> {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < 30_000; i++) {
                    body.append("{\"name\":\"imp-").append(i).append("\",\"fields\":{\"n\":").append(i).append("}}\n");
                }
                try {
                    importAnswers.add(app.as(token).contentType("application/x-ndjson; charset=UTF-8").body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .post("/api/v1/clients/import").asString());
                } catch (RuntimeException connectionLost) {
                    // cut by the kill: whatever it wrote must be whole batches
                }
            });
            pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    byte[] content = ("document " + i + " " + "x".repeat(i % 500)).getBytes(StandardCharsets.UTF_8);
                    try {
                        Response r = app.as(token).contentType("multipart/form-data").multiPart("file", "d" + i + ".txt", content, "text/plain")
                                .multiPart("clientId", String.valueOf(anchor)).post("/api/v1/documents");
                        if (r.statusCode() == 201) {
                            documents.put(r.jsonPath().getLong("id"), content);
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
            JarProcess.sleep(4_000);
            long database = app.databasePid();
            app.kill9();
            if (victim.contains("mariadbd")) {
                JarProcess.kill9(database);
            }
            running.set(false);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged.size() > 20, "the writers wrote before the kill: " + acknowledged.size());

        try (JarProcess app = JarProcess.start(data)) {
            String token = app.adminToken();
            Map<String, Integer> byName = new HashMap<>();
            Map<Long, Integer> values = new HashMap<>();
            long imported = 0;
            for (Map<String, Object> c : Pages.all(() -> app.as(token).queryParam("limit", 200), "/api/v1/clients")) {
                String name = (String) c.get("name");
                byName.merge(name, 1, Integer::sum);
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) c.get("fields");
                assertTrue(fields != null && fields.get("n") instanceof Number, "a client without its values: " + c);
                values.put(((Number) c.get("id")).longValue(), ((Number) fields.get("n")).intValue());
                imported += name.startsWith("imp-") ? 1 : 0;
            }
            for (var ack : acknowledged.entrySet()) {
                assertEquals(ack.getValue(), values.get(ack.getKey()), "acknowledged client " + ack.getKey() + " after the restart");
            }
            byName.forEach((name, count) -> assertEquals(1, count, name + " stored more than once"));
            assertEquals(0, imported % 1000, "import batches are whole: " + imported + " imported clients");
            if (!importAnswers.isEmpty() && importAnswers.get(0).contains("\"created\"")) {
                assertEquals(JsonPath.from(importAnswers.get(0)).getLong("created"), imported, "an acknowledged import is all there");
            }
            List<Map<String, Object>> rows = app.as(token).queryParam("clientId", anchor).queryParam("limit", 200)
                    .get("/api/v1/documents").then().statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> row : rows) {
                app.as(token).get("/api/v1/documents/" + row.get("id") + "/content").then().statusCode(200);
            }
            for (var doc : documents.entrySet()) {
                byte[] stored = app.as(token).get("/api/v1/documents/" + doc.getKey() + "/content").then().statusCode(200)
                        .extract().asByteArray();
                assertArrayEquals(doc.getValue(), stored, "acknowledged document " + doc.getKey());
            }
            System.out.printf("kill -9 of %s: %d acknowledged creates, %d documents, %d imported, all there after the restart%n",
                    victim, acknowledged.size(), documents.size(), imported);
        }
    }
}

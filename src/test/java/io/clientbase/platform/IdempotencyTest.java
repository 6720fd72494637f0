package io.clientbase.platform;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class IdempotencyTest {

    private static Hierarchy h;
    private static long clientId;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("idem");
            clientId = as(h.token("a1")).body(Map.of("name", "Для вложений")).post("/api/v1/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
        }
    }

    private static String key() {
        return "key-" + System.nanoTime();
    }

    private static int countNamed(String token, String name) {
        return as(token).queryParam("q", name).get("/api/v1/clients").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.name == '" + name + "' }").size();
    }

    @Test
    void theSameKeyAndBodyAnswerTheFirstAnswerAgainAndCreateOnce() {
        String key = key();
        Map<String, Object> body = Map.of("name", "Однажды " + key);
        Response first = as(h.token("a1")).header("Idempotency-Key", key).body(body).post("/api/v1/clients");
        first.then().statusCode(201);
        Response again = as(h.token("a1")).header("Idempotency-Key", key).body(body).post("/api/v1/clients");
        again.then().statusCode(200).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location")).header("ETag", first.header("ETag"))
                .body("id", equalTo(first.jsonPath().getInt("id")));
        assertEquals(first.jsonPath().getMap("$"), again.jsonPath().getMap("$"), "the stored body");
        assertEquals(1, countNamed(h.token("a1"), "Однажды " + key));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAsReused() {
        String key = key();
        as(h.token("a1")).header("Idempotency-Key", key).body(Map.of("name", "Первый " + key)).post("/api/v1/clients").then().statusCode(201);
        as(h.token("a1")).header("Idempotency-Key", key).body(Map.of("name", "Второй " + key)).post("/api/v1/clients").then()
                .statusCode(422).contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"))
                .body("errors.field", hasItem("Idempotency-Key"));
        as(h.token("a1")).header("Idempotency-Key", key).body(Map.of("clientId", clientId, "type", "CALL", "subject", "x"))
                .post("/api/v1/activities").then().statusCode(422).body("type", endsWith("/idempotency-key-reused"));
        assertEquals(0, countNamed(h.token("a1"), "Второй " + key));
    }

    @Test
    void twoRequestsWithOneKeyAtOnceCreateOnce() throws Exception {
        String key = key();
        String name = "Одновременно " + key;
        String token = h.token("a1");
        ExecutorService callers = Executors.newFixedThreadPool(6);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(callers.submit(() -> as(token).header("Idempotency-Key", key).body(Map.of("name", name)).post("/api/v1/clients")));
        }
        List<Integer> ids = new ArrayList<>();
        int created = 0;
        for (Future<Response> f : answers) {
            Response r = f.get();
            assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.statusCode() + " " + r.asString());
            created += r.statusCode() == 201 ? 1 : 0;
            ids.add(r.jsonPath().getInt("id"));
        }
        callers.shutdown();
        assertEquals(1, created, "one of them created");
        assertEquals(1, ids.stream().distinct().count(), "all answer the same client: " + ids);
        assertEquals(1, countNamed(token, name));
    }

    @Test
    void aKeyIsTheCallersOwnAndARefusedRequestKeepsNothingUnderIt() {
        String key = key();
        as(h.token("a1")).header("Idempotency-Key", key).body(Map.of("name", "Свой " + key)).post("/api/v1/clients").then().statusCode(201);
        as(h.token("a2")).header("Idempotency-Key", key).body(Map.of("name", "Свой " + key)).post("/api/v1/clients").then().statusCode(201);

        String other = key();
        as(h.token("a1")).header("Idempotency-Key", other).body(Map.of("name", "")).post("/api/v1/clients").then().statusCode(422);
        as(h.token("a1")).header("Idempotency-Key", other).body(Map.of("name", "Исправленный " + other)).post("/api/v1/clients")
                .then().statusCode(201);
        as(h.token("a1")).header("Idempotency-Key", "x".repeat(201)).body(Map.of("name", "Длинный")).post("/api/v1/clients")
                .then().statusCode(400);
    }

    @Test
    void everyPostOfARecordTakesAKey() {
        String admin = io.clientbase.support.Api.adminToken();
        long section = asAdmin().body(Map.of("name", "Идемпотентный " + key())).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Object[][] creates = {
                {h.token("a1"), "/api/v1/activities", Map.of("clientId", clientId, "type", "CALL", "subject", "Позвонить")},
                {h.token("a1"), "/api/v1/deals", Map.of("clientId", clientId, "title", "Сделка")},
                {admin, "/api/v1/groups", Map.of("name", "Группа " + key())},
                {admin, "/api/v1/sections", Map.of("name", "Раздел " + key())},
                {admin, "/api/v1/fields", Map.of("sectionId", section, "key", "idem_" + (System.nanoTime() % 1000000), "name", "Поле", "type", "TEXT")},
                {admin, "/api/v1/ip-ranges", Map.of("cidr", "10.77.0.0/16")},
                {admin, "/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("deal.created"))},
                {admin, "/api/v1/users", Map.of("login", "idem_" + (System.nanoTime() % 1000000), "password", "Passw0rd-Idem",
                        "name", "Идем", "type", "EMPLOYEE")},
        };
        for (Object[] create : creates) {
            String key = key();
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) create[2];
            long first = as((String) create[0]).header("Idempotency-Key", key).body(body).post((String) create[1]).then()
                    .statusCode(201).extract().jsonPath().getLong("id");
            as((String) create[0]).header("Idempotency-Key", key).body(body).post((String) create[1]).then()
                    .statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo((int) first));
        }
        String key = key();
        long document = upload(key, "договор.txt").then().statusCode(201).extract().jsonPath().getLong("id");
        upload(key, "договор.txt").then().statusCode(200).body("id", equalTo((int) document));
        upload(key, "другой.txt").then().statusCode(422).body("type", endsWith("/idempotency-key-reused"));
        asAdmin().delete("/api/v1/webhooks/" + asAdmin().get("/api/v1/webhooks").jsonPath().getLong("find { it.url == 'http://127.0.0.1:9/hook' }.id"))
                .then().statusCode(204);
    }

    private static Response upload(String key, String name) {
        return given().header("Authorization", "Bearer " + h.token("a1")).header("Idempotency-Key", key)
                .multiPart("file", name, "содержимое".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("clientId", String.valueOf(clientId)).post("/api/v1/documents");
    }

    @Test
    void anImportWithAKeyRunsOnceAndARetryGetsItsReport() {
        String key = key();
        String csv = "name\nИмпорт А " + key + "\nИмпорт Б " + key + "\n";
        var first = as(h.token("a1")).header("Idempotency-Key", key).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/v1/clients/import").then().statusCode(200).body("created", equalTo(2)).extract().asString();
        var again = as(h.token("a1")).header("Idempotency-Key", key).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/v1/clients/import").then().statusCode(200).header("Idempotent-Replayed", "true").extract().asString();
        assertEquals(io.restassured.path.json.JsonPath.from(first).getMap("$"), io.restassured.path.json.JsonPath.from(again).getMap("$"));
        assertEquals(1, countNamed(h.token("a1"), "Импорт А " + key));
        as(h.token("a1")).header("Idempotency-Key", key).contentType("text/csv; charset=UTF-8").body(csv + "Импорт В\n")
                .post("/api/v1/clients/import").then().statusCode(422).body("type", endsWith("/idempotency-key-reused"));
    }
}
